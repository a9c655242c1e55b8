const { mp, publicInfo } = require('../../services/api')
const { ensureSession } = require('../../services/request')
const subscriptions = require('../../services/subscriptions')
const { newIdempotencyKey, mayHaveRegistered } = require('../../utils/idempotency')
const { showError } = require('../../utils/ui')
const { NOTICE } = require('../../utils/privacy')

// The same limit as every other channel's case text in the backend (@Size(max = 2000)).
const MAX_TEXT = 2000
const MAX_PHOTOS = 9
// A submitted case is announced with these; a booking's template is asked for when booking.
const CASE_PURPOSES = ['REPLY', 'FEEDBACK_PROMPT']

function emptyForm() {
  return {
    text: '',
    categoryIndex: -1,
    photos: [],
    anonymous: false,
    inPublic: false,
    errors: {},
  }
}

/** What is wrong with the form, per field, before anything is sent. */
function validate({ text, categoryIndex, villageIndex, photos }) {
  const errors = {}
  const trimmed = text.trim()
  if (!trimmed) errors.text = '请写下您要反映的问题'
  else if (trimmed.length > MAX_TEXT) errors.text = `内容不能超过 ${MAX_TEXT} 字，现在是 ${trimmed.length} 字`
  if (categoryIndex < 0) errors.categoryId = '请选择问题类别'
  if (villageIndex < 0) errors.villageId = '请选择您所在的村（社区）'
  if (photos.some((p) => p.status === 'uploading')) errors.photoIds = '照片还在上传，请稍等'
  return errors
}

Component({
  data: Object.assign(emptyForm(), {
    maxText: MAX_TEXT,
    maxPhotos: MAX_PHOTOS,
    textareaSize: { minHeight: 160 },
    categories: [],
    villages: [],
    villageIndex: -1,
    submitting: false,
    // One key per submission, kept until the case is registered, so that a retry cannot register it twice.
    pendingKey: '',
    submitted: null,
    templates: [],
    subscribed: false,
    notice: NOTICE,
    // Whether the resident accepted the privacy notice in force; until then 提交 shows it first.
    privacyAccepted: false,
    showNotice: false,
  }),

  methods: {
    onLoad() {
      return this.loadChoices()
    },

    loadChoices() {
      return Promise.all([publicInfo.categories(), publicInfo.villages(), ensureSession().then((current) => mp.privacy()
        .then((privacy) => [current, privacy]))])
        .then(([categories, villages, [current, privacy]]) => {
          const home = current.resident ? current.resident.villageId : null
          this.setData({
            privacyAccepted: privacy.accepted && privacy.version === NOTICE.version,
            categories,
            villages,
            villageIndex: this.data.villageIndex >= 0 ? this.data.villageIndex : villages.findIndex((v) => v.id === home),
          })
        })
        .catch(showError)
    },

    onText(e) {
      this.setData({ text: e.detail, 'errors.text': '' })
    },

    onCategory(e) {
      this.setData({ categoryIndex: Number(e.detail.value), 'errors.categoryId': '' })
    },

    onVillage(e) {
      this.setData({ villageIndex: Number(e.detail.value), 'errors.villageId': '' })
    },

    onAnonymous(e) {
      this.setData({ anonymous: e.detail })
    },

    /** 公开提问 carries no photos: what is public is the text, after moderation. */
    onInPublic(e) {
      this.setData({ inPublic: e.detail, photos: e.detail ? [] : this.data.photos })
    },

    /** van-uploader hands over the chosen files; each goes up at once and keeps its server id. */
    onPhotosChosen(e) {
      const files = [].concat(e.detail.file)
      const room = MAX_PHOTOS - this.data.photos.length
      const added = files.slice(0, room).map((f) => ({ url: f.url || f.tempFilePath, isImage: true, status: 'uploading', message: '上传中' }))
      const start = this.data.photos.length
      this.setData({ photos: this.data.photos.concat(added), 'errors.photoIds': '' })
      return Promise.all(added.map((photo, i) => this.uploadPhoto(start + i, photo.url)))
    },

    uploadPhoto(index, filePath) {
      return mp.uploadPhoto(filePath)
        .then((stored) => {
          this.setData({ [`photos[${index}]`]: { url: filePath, isImage: true, id: stored.id, status: 'done', message: '' } })
        })
        .catch((error) => {
          this.setData({ [`photos[${index}]`]: { url: filePath, isImage: true, status: 'failed', message: '上传失败' } })
          showError(error)
        })
    },

    onPhotoDelete(e) {
      const photos = this.data.photos.slice()
      photos.splice(e.detail.index, 1)
      this.setData({ photos })
    },

    onSubmit() {
      if (this.data.submitting) return Promise.resolve()
      const errors = validate(this.data)
      if (Object.keys(errors).length) {
        this.setData({ errors })
        return Promise.resolve()
      }
      if (!this.data.privacyAccepted) {
        this.setData({ showNotice: true })
        return Promise.resolve()
      }
      const key = this.data.pendingKey || newIdempotencyKey()
      const {
        text, categories, categoryIndex, villages, villageIndex, photos, anonymous, inPublic,
      } = this.data
      const form = {
        text: text.trim(),
        categoryId: categories[categoryIndex].id,
        villageId: villages[villageIndex].id,
        anonymous,
      }
      this.setData({ submitting: true, pendingKey: key, errors: {} })
      const sent = inPublic
        ? mp.askInPublic(form, key).then((asked) => ({
          id: asked.caseId, number: asked.number, flagged: asked.flagged, inPublic: true,
        }))
        : mp.submitCase(Object.assign(form, { photoIds: photos.filter((p) => p.status === 'done').map((p) => p.id) }), key)
      return sent
        .then((created) => {
          this.setData(Object.assign(emptyForm(), { submitting: false, pendingKey: '', submitted: created, subscribed: false }))
          return subscriptions.templates(CASE_PURPOSES)
            .then((templates) => this.setData({ templates }))
            .catch(() => this.setData({ templates: [] }))
        })
        .catch((error) => {
          // The key is kept while the case may have been registered, and tapping 提交 again repeats this
          // very submission. A refused form, once corrected, is a new submission.
          this.setData({ submitting: false, errors: error.fieldErrors || {}, pendingKey: mayHaveRegistered(error) ? key : '' })
          showError(error)
        })
    },

    /** The resident read the notice and agreed: the backend records it (time, version), then the form goes. */
    onAcceptNotice() {
      return mp.acceptPrivacy(NOTICE.version)
        .then(() => {
          this.setData({ privacyAccepted: true, showNotice: false })
          return this.onSubmit()
        })
        .catch(showError)
    },

    /** Must run straight from the tap: WeChat refuses the consent dialog otherwise. */
    onSubscribe() {
      return subscriptions.ask(this.data.templates)
        .then((results) => {
          if (results) this.setData({ subscribed: true })
        })
        .catch(showError)
    },

    onViewCase() {
      wx.navigateTo({ url: `/pages/case-detail/index?id=${this.data.submitted.id}` })
    },

    onAnother() {
      this.setData({ submitted: null, templates: [], subscribed: false })
    },
  },
})
