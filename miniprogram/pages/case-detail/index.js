const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { RATINGS } = require('../../utils/steps')
const { showError, showDone } = require('../../utils/ui')

// The backend sends the verdict's name (SATISFIED …); the resident reads the words they chose.
function ratingLabel(value) {
  const found = RATINGS.find((r) => r.value === value)
  return found ? found.label : value
}

const PDF = 'application/pdf'
const isImage = (attachment) => /^image\//.test(attachment.contentType || '')

/** wx.openDocument as a promise; its failure (no app can show the file …) gets a sentence of its own. */
function openPdf(filePath) {
  return new Promise((resolve, reject) => {
    wx.openDocument({
      filePath,
      fileType: 'pdf',
      showMenu: true,
      success: resolve,
      fail: () => reject(new Error('文件打不开，请稍后再试')),
    })
  })
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
          const attachments = item.replyAttachments || []
          const replyImages = attachments.filter(isImage)
          this.setData({
            loaded: true,
            item: Object.assign({}, item, {
              createdTime: formatTime(item.createdAt),
              repliedTime: formatTime(item.repliedAt),
              photos: (item.photos || []).map((p) => ({ id: p.id, path: '', failed: false })),
              replyImages: replyImages.map((a) => ({ id: a.id, path: '', failed: false })),
              // Numbered among the PDFs: the images are seen as thumbnails, the rows are what gets counted.
              replyDocuments: attachments.filter((a) => a.contentType === PDF)
                .map((a, i) => ({ id: a.id, url: a.url, label: `📄 附件 ${i + 1}（PDF）`, opening: false })),
            }),
            reply: item.reply || '',
            feedback: item.feedback ? ratingLabel(item.feedback) : '',
          })
          return Promise.all([
            this.loadImages('photos', item.photos || []),
            this.loadImages('replyImages', replyImages),
          ])
        })
        .catch(showError)
    },

    /**
     * Images (the case's photos, the reply's attached images) need the bearer token, which <image src>
     * cannot send: each is downloaded through the services layer (signing in again on a 401) and shown
     * from its temp file. `list` names the array under `item`. An image that fails is marked on its own;
     * the case is still shown.
     */
    loadImages(list, images) {
      this.imagePaths = this.imagePaths || {}
      return Promise.all(images.map((image, i) => {
        const known = this.imagePaths[image.id]
        const path = known ? Promise.resolve(known) : mp.file(image.url)
        return path
          .then((tempFilePath) => {
            this.imagePaths[image.id] = tempFilePath
            this.setData({ [`item.${list}[${i}].path`]: tempFilePath })
          })
          .catch(() => this.setData({ [`item.${list}[${i}].failed`]: true }))
      }))
    },

    /** Full screen among the images of the same list (the case's photos or the reply's images). */
    onPreview(e) {
      const { list, path } = e.currentTarget.dataset
      const urls = this.data.item[list].filter((p) => p.path).map((p) => p.path)
      wx.previewImage({ urls, current: path })
    },

    /** A PDF is downloaded with the token like the images, then WeChat's document viewer shows it. */
    onOpenDocument(e) {
      const { index } = e.currentTarget.dataset
      const key = `item.replyDocuments[${index}].opening`
      const document = this.data.item.replyDocuments[index]
      if (document.opening) return Promise.resolve()
      this.setData({ [key]: true })
      return mp.file(document.url)
        .then(openPdf)
        .catch(showError)
        .then(() => this.setData({ [key]: false }))
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
