/**
 * Subscribe-message consent. WeChat only shows its consent dialog from a tap, so callers load the
 * templates beforehand and call ask() directly in the tap handler; whatever the resident chose (accept,
 * reject, ban) is sent to the backend, which counts one message per acceptance.
 */
const { mp } = require('./api')

const MAX_TEMPLATES_PER_REQUEST = 3

/** Our templates, or only those for the given purposes (a case's REPLY and FEEDBACK_PROMPT, a booking's BOOKING, a policy's POLICY). */
function templates(purposes) {
  return mp.subscriptions()
    .then((answer) => answer.templates || [])
    .then((list) => (purposes ? list.filter((t) => purposes.includes(t.purpose)) : list))
}

function ask(list) {
  const tmplIds = list.map((t) => t.templateId).slice(0, MAX_TEMPLATES_PER_REQUEST)
  if (!tmplIds.length) return Promise.resolve(null)
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => resolve(res),
      // Refused in settings or an old WeChat: nothing to record, the backend falls back to SMS.
      fail: () => resolve(null),
    })
  }).then((res) => {
    if (!res) return null
    const results = {}
    tmplIds.forEach((id) => {
      if (res[id]) results[id] = res[id]
    })
    return mp.saveSubscriptions(results).then(() => results)
  })
}

module.exports = { templates, ask }
