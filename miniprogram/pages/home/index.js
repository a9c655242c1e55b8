const { STEPS } = require('../../utils/steps')

Component({
  data: {
    steps: STEPS,
  },

  methods: {
    onSubmit() {
      wx.switchTab({ url: '/pages/submit/index' })
    },

    onMyCases() {
      wx.switchTab({ url: '/pages/cases/index' })
    },

    onBooking() {
      wx.navigateTo({ url: '/pages/booking/index' })
    },

    onWorkstations() {
      wx.navigateTo({ url: '/pages/workstations/index' })
    },

    onPolicies() {
      wx.navigateTo({ url: '/pages/policies/index' })
    },

    onQuestions() {
      wx.navigateTo({ url: '/pages/questions/index' })
    },
  },
})
