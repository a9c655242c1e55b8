const { mp } = require('../../services/api')
const { formatTime } = require('../../utils/format')
const { showError } = require('../../utils/ui')

/** 政策: the policy explanations for my village, newest first; the unread ones marked. */
Component({
  data: {
    items: [],
    loaded: false,
  },

  methods: {
    // Coming back from a policy shows it read.
    onShow() {
      return mp.policies()
        .then((items) => this.setData({
          items: items.map((p) => Object.assign({}, p, { publishedTime: formatTime(p.publishedAt) })),
          loaded: true,
        }))
        .catch(showError)
    },

    onOpen(e) {
      wx.navigateTo({ url: `/pages/policy/index?id=${e.currentTarget.dataset.id}` })
    },
  },
})
