const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { showError } = require('../../utils/ui')

const PAGE_SIZE = 10

Component({
  data: {
    items: [],
    page: -1,
    total: 0,
    loading: false,
    loaded: false,
  },

  methods: {
    // A tab page stays alive; every visit shows the latest steps.
    onShow() {
      return this.reload()
    },

    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh())
    },

    onReachBottom() {
      if (this.data.items.length >= this.data.total) return Promise.resolve()
      return this.fetch(this.data.page + 1)
    },

    reload() {
      return this.fetch(0)
    },

    fetch(page) {
      if (this.data.loading) return Promise.resolve()
      this.setData({ loading: true })
      return mp.myCases(page, PAGE_SIZE)
        .then((answer) => {
          const items = answer.items.map((c) => Object.assign({}, c, { createdTime: formatTime(c.createdAt) }))
          this.setData({
            items: page === 0 ? items : this.data.items.concat(items),
            page: answer.page,
            total: answer.total,
            loaded: true,
          })
        })
        .catch(showError)
        .then(() => this.setData({ loading: false }))
    },

    onOpen(e) {
      wx.navigateTo({ url: `/pages/case-detail/index?id=${e.currentTarget.dataset.id}` })
    },

    onSubmitNew() {
      wx.switchTab({ url: '/pages/submit/index' })
    },
  },
})
