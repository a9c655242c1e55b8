const { mp } = require('../../services/api')
const { baseUrl } = require('../../config/index')
const { formatTime } = require('../../utils/format')
const { RATINGS } = require('../../utils/steps')
const { showError, showDone } = require('../../utils/ui')

function ratingLabel(value) {
  const found = RATINGS.find((r) => r.value === value)
  return found ? found.label : value
}

// The reply and the feedback may come as plain text or as {text|rating, comment, at, by}; both read alike.
function readReply(reply) {
  if (!reply) return null
  if (typeof reply === 'string') return { text: reply, time: '', by: '' }
  return { text: reply.text || '', time: formatTime(reply.at), by: reply.by || reply.representativeName || '' }
}

function readFeedback(feedback) {
  if (!feedback) return null
  if (typeof feedback === 'string') return { rating: ratingLabel(feedback), comment: '' }
  return { rating: ratingLabel(feedback.rating), comment: feedback.comment || '' }
}

function photoUrl(url) {
  return url && url.startsWith('/') ? baseUrl() + url : url
}

Component({
  data: {
    id: '',
    loaded: false,
    item: null,
    reply: null,
    feedback: null,
    ratings: RATINGS,
    rating: '',
    comment: '',
    reason: '',
    sending: false,
  },

  methods: {
    onLoad(query) {
      this.setData({ id: query.id })
      return this.load()
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh())
    },

    load() {
      return mp.caseDetail(this.data.id)
        .then((item) => {
          this.setData({
            loaded: true,
            item: Object.assign({}, item, {
              createdTime: formatTime(item.createdAt),
              photos: (item.photos || []).map((p) => ({ id: p.id, url: photoUrl(p.url) })),
            }),
            reply: readReply(item.reply),
            feedback: readFeedback(item.feedback),
          })
        })
        .catch(showError)
    },

    onPreview(e) {
      const urls = this.data.item.photos.map((p) => p.url)
      wx.previewImage({ urls, current: e.currentTarget.dataset.url })
    },

    onRating(e) {
      this.setData({ rating: e.currentTarget.dataset.value })
    },

    onComment(e) {
      this.setData({ comment: e.detail })
    },

    onReason(e) {
      this.setData({ reason: e.detail })
    },

    onSendRating() {
      if (!this.data.rating) {
        showError({ message: '请先选择满意、基本满意或不满意' })
        return Promise.resolve()
      }
      this.setData({ sending: true })
      return mp.rate(this.data.id, this.data.rating, this.data.comment.trim())
        .then(() => {
          showDone('感谢您的评价')
          return this.load()
        })
        .catch(showError)
        .then(() => this.setData({ sending: false }))
    },

    onReopen() {
      const reason = this.data.reason.trim()
      if (!reason) {
        showError({ message: '请写下您觉得问题还没解决的原因' })
        return Promise.resolve()
      }
      this.setData({ sending: true })
      return mp.reopen(this.data.id, reason)
        .then(() => {
          showDone('已重新提交')
          this.setData({ reason: '' })
          return this.load()
        })
        .catch(showError)
        .then(() => this.setData({ sending: false }))
    },
  },
})
