const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { showError } = require('../../utils/ui')

/**
 * One policy explanation, with the representatives who carry it in my village; 我有疑问 turns my question into a
 * case for them, which I then follow in 我的诉求.
 */
Component({
  data: {
    id: '',
    policy: null,
    asking: false,
    question: '',
    sending: false,
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
      this.setData({ sending: true })
      return mp.askAboutPolicy(this.data.id, text)
        .then((answer) => {
          this.setData({ asking: false, question: '' })
          wx.showModal({
            title: '已收到您的疑问',
            content: `编号 ${answer.number}${answer.representative ? `，由党代表${answer.representative}答复` : ''}。可在「我的诉求」查看。`,
            showCancel: false,
            confirmText: '知道了',
          })
          wx.navigateTo({ url: `/pages/case-detail/index?id=${answer.caseId}` })
        })
        .catch(showError)
        .then(() => this.setData({ sending: false }))
    },
  },
})
