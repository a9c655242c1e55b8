const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { RATINGS } = require('../../utils/steps')
const { showError, showDone } = require('../../utils/ui')

// The backend sends the verdict's name (SATISFIED …); the resident reads the words they chose.
function ratingLabel(value) {
  const found = RATINGS.find((r) => r.value === value)
  return found ? found.label : value
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
              repliedTime: formatTime(item.repliedAt),
              photos: (item.photos || []).map((p) => ({ id: p.id, path: '', failed: false })),
            }),
            reply: item.reply || '',
            feedback: item.feedback ? ratingLabel(item.feedback) : '',
          })
          return this.loadPhotos(item.photos || [])
        })
        .catch(showError)
    },

    /**
     * Photos need the bearer token, which <image src> cannot send: each is downloaded through the
     * services layer (signing in again on a 401) and shown from its temp file. A photo that fails is
     * marked on its own; the case is still shown.
     */
    loadPhotos(photos) {
      this.photoPaths = this.photoPaths || {}
      return Promise.all(photos.map((photo, i) => {
        const known = this.photoPaths[photo.id]
        const path = known ? Promise.resolve(known) : mp.photo(photo.url)
        return path
          .then((tempFilePath) => {
            this.photoPaths[photo.id] = tempFilePath
            this.setData({ [`item.photos[${i}].path`]: tempFilePath })
          })
          .catch(() => this.setData({ [`item.photos[${i}].failed`]: true }))
      }))
    },

    onPreview(e) {
      const urls = this.data.item.photos.filter((p) => p.path).map((p) => p.path)
      wx.previewImage({ urls, current: e.currentTarget.dataset.path })
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
