const { publicInfo } = require('../../services/api')
const { showError } = require('../../utils/ui')

/** 五公开: every workstation of the town, public without sign-in. */
Component({
  data: {
    workstations: [],
    loaded: false,
  },

  methods: {
    onLoad() {
      return publicInfo.workstations()
        .then((workstations) => this.setData({ workstations, loaded: true }))
        .catch(showError)
    },

    onOpen(e) {
      wx.navigateTo({ url: `/pages/workstation/index?id=${e.currentTarget.dataset.id}` })
    },
  },
})
