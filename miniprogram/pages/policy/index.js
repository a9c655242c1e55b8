const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { newIdempotencyKey, mayHaveRegistered } = require('../../utils/idempotency')
const { showError } = require('../../utils/ui')

/**
 * One policy explanation, with the representatives who carry it in my village and the answers the town office
 * published as its FAQ; 我有疑问 turns my question into a case for them, which I then follow in 我的诉求.
 */
Component({
  data: {
    id: '',
    policy: null,
    asking: false,
    question: '',
    sending: false,
    pendingKey: '',
  },

  methods: {
    onLoad(query) {
      this.setData({ id: query.id })
      return mp.policy(query.id)
        .then((policy) => this.setData({
          policy: Object.assign({}, policy, { publishedTime: formatTime(policy.publishedAt), carriers: policy.representatives.join('、') }),
        }))
        .catch(showError)
    },

    onAsk() {
      this.setData({ asking: true })
    },

    onInput(e) {
      this.setData({ question: e.detail })
    },

    onSend() {
      const text = this.data.question.trim()
      if (!text) {
        showError({ message: '请写下您的疑问' })
        return Promise.resolve()
      }
      if (this.data.sending) return Promise.resolve()
      const key = this.data.pendingKey || newIdempotencyKey()
      this.setData({ sending: true, pendingKey: key })
      return mp.askAboutPolicy(this.data.id, text, key)
        .then((answer) => {
          this.setData({ asking: false, question: '', pendingKey: '' })
          wx.showModal({
            title: '已收到您的疑问',
            content: `编号 ${answer.number}${answer.representative ? `，由党代表${answer.representative}答复` : ''}。可在「我的诉求」查看。`,
            showCancel: false,
            confirmText: '知道了',
          })
          wx.navigateTo({ url: `/pages/case-detail/index?id=${answer.caseId}` })
        })
        .catch((error) => {
          // Asking again repeats this very question under the same key while it may have been registered.
          if (!mayHaveRegistered(error)) this.setData({ pendingKey: '' })
          showError(error)
        })
        .then(() => this.setData({ sending: false }))
    },
  },
})
