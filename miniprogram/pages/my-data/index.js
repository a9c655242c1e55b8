const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { showError, showDone } = require('../../utils/ui')

// What staff did when they looked, in the resident's words (the backend names the action).
const READS = {
  CASE_LIST: '查看了诉求列表',
  CASE_READ: '查看了诉求',
  CASE_RECORD: '查看了办理记录',
  CASE_EXPORT: '导出了诉求',
  CASE_FILE: '查看了附件',
  RESIDENT_HISTORY: '查看了您的信息和诉求',
  RESIDENT_SEARCH: '查找了您',
  RESIDENT_DATA: '查看了您的信息',
  PHONE_IN_CLEAR: '查看了您的完整手机号',
}

/** wx.showModal as a promise of "the resident confirmed". */
function confirm(title, content) {
  return new Promise((resolve) => {
    wx.showModal({
      title, content, confirmText: '确定注销', confirmColor: '#c8161d', cancelText: '再想想',
      success: (answer) => resolve(Boolean(answer && answer.confirm)),
      fail: () => resolve(false),
    })
  })
}

/**
 * 我的数据: everything the backend holds about the resident (GET /api/mp/me/data) — their name to correct,
 * how many cases, messages, photos and consents, and which staff looked at their cases — and 注销, erasure.
 */
Component({
  data: {
    loaded: false,
    held: null,
    name: '',
    village: '',
    counts: null,
    reads: [],
  },

  methods: {
    onLoad() {
      return mp.myData()
        .then((held) => this.setData({
          loaded: true,
          held,
          name: held.resident.name || '',
          village: held.resident.village || '',
          counts: {
            cases: held.cases.length,
            messages: held.messages.length + held.smsReceived.length,
            photos: held.photos.length,
            consents: held.consents.subscribeMessages.filter((c) => c.remaining > 0).length,
          },
          reads: held.readBy.map((r) => ({ at: formatTime(r.at), who: r.actor, what: READS[r.action] || r.action })),
        }))
        .catch(showError)
    },

    onName(e) {
      this.setData({ name: e.detail })
    },

    onSaveName() {
      const resident = this.data.held.resident
      return mp.correct({ villageId: resident.villageId, name: this.data.name })
        .then(() => showDone('已更正'))
        .catch(showError)
    },

    onErase() {
      return confirm('注销并删除我的个人信息', '您的姓名、手机号、微信绑定和照片将被删除，无法恢复；您反映过的问题会匿名保留在统计中。')
        .then((confirmed) => {
          if (!confirmed) return null
          return mp.erase().then(() => {
            wx.switchTab({ url: '/pages/home/index' })
            showDone('已注销')
          })
        })
        .catch(showError)
    },
  },
})
