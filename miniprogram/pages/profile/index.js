const { mp, publicInfo } = require('../../services/api')
const subscriptions = require('../../services/subscriptions')
const { showError, showDone } = require('../../utils/ui')

const PURPOSES = {
  REPLY: '代表回复通知',
  FEEDBACK_PROMPT: '评价提醒',
  BOOKING: '视频预约提醒',
  POLICY: '新政策提醒',
}

function readTemplates(templates) {
  return templates.map((t) => ({
    templateId: t.templateId,
    purpose: PURPOSES[t.purpose] || t.purpose,
    remaining: t.remaining,
  }))
}

Component({
  data: {
    resident: null,
    villages: [],
    villageIndex: -1,
    templates: [],
    phoneNote: '',
  },

  methods: {
    // A tab page stays alive; every visit shows the current phone, village and remaining notices.
    onShow() {
      return Promise.all([mp.me(), publicInfo.villages(), subscriptions.templates()])
        .then(([resident, villages, templates]) => {
          this.setData({
            resident,
            villages,
            villageIndex: villages.findIndex((v) => v.id === resident.villageId),
            templates: readTemplates(templates),
          })
        })
        .catch(showError)
    },

    /** e.detail.code is WeChat's one-time code for the number; the backend exchanges it. */
    onPhoneNumber(e) {
      const code = e.detail && e.detail.code
      if (!code) return Promise.resolve() // the resident said no in WeChat's dialog
      return mp.bindPhone(code)
        .then((answer) => {
          this.setData({
            resident: answer.resident,
            phoneNote: answer.merged ? '已与您以前用短信反映的问题合并，都能在「我的诉求」里看到。' : '',
          })
          showDone('绑定成功')
        })
        .catch(showError)
    },

    onVillage(e) {
      const index = Number(e.detail.value)
      return mp.chooseVillage(this.data.villages[index].id)
        .then((resident) => {
          this.setData({ resident, villageIndex: index })
          showDone('已保存')
        })
        .catch(showError)
    },

    /** Runs straight from the tap, as WeChat requires for the consent dialog. */
    onSubscribe() {
      return subscriptions.ask(this.data.templates)
        .then(() => subscriptions.templates())
        .then((templates) => this.setData({ templates: readTemplates(templates) }))
        .catch(showError)
    },

    onMyData() {
      wx.navigateTo({ url: '/pages/my-data/index' })
    },

    onLogout() {
      return mp.logout()
        .then(() => {
          this.setData({ resident: null })
          wx.switchTab({ url: '/pages/home/index' })
        })
        .catch(showError)
    },
  },
})
