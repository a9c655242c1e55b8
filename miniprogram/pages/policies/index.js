const { mp } = require('../../services/api')
const subscriptions = require('../../services/subscriptions')
const { formatTime } = require('../../utils/format')
const { showError } = require('../../utils/ui')

/**
 * 政策: the policy explanations for my village, newest first; the unread ones marked. 订阅新政策提醒 asks WeChat for
 * one policy subscribe message: the next policy then reaches me in 服务通知 (one consent, one message).
 */
Component({
  data: {
    items: [],
    loaded: false,
    policyTemplates: [],
    subscribed: false,
  },

  methods: {
    // Coming back from a policy shows it read.
    onShow() {
      return Promise.all([mp.policies(), subscriptions.templates(['POLICY']).catch(() => [])])
        .then(([items, policyTemplates]) => this.setData({
          items: items.map((p) => Object.assign({}, p, { publishedTime: formatTime(p.publishedAt) })),
          loaded: true,
          policyTemplates,
        }))
        .catch(showError)
    },

    /** Must run straight from the tap: WeChat refuses the consent dialog otherwise. */
    onSubscribe() {
      return subscriptions.ask(this.data.policyTemplates)
        .then((results) => {
          if (results && Object.values(results).includes('accept')) this.setData({ subscribed: true })
        })
        .catch(showError)
    },

    onOpen(e) {
      wx.navigateTo({ url: `/pages/policy/index?id=${e.currentTarget.dataset.id}` })
    },
  },
})
