const { mp } = require('../../services/api')
const { showError, showDone } = require('../../utils/ui')
const { dayOf, timeOf, dayLabel } = require('../../utils/slots')

const JOINABLE = ['CONFIRMED', 'REMINDED']

Component({
  data: {
    items: [],
    loaded: false,
  },

  methods: {
    onShow() {
      return this.reload()
    },

    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh())
    },

    /** What a booking offers is what the backend's rules allow now (its `allowed`), nothing decided here. */
    reload() {
      return mp.myBookings()
        .then((bookings) => this.setData({
          items: bookings.map((b) => Object.assign({}, b, {
            when: `${dayLabel(dayOf(b.startsAt))} ${timeOf(b.startsAt)}–${timeOf(b.endsAt)}`,
            canJoin: JOINABLE.includes(b.state),
            canCancel: b.allowed.includes('CANCEL'),
            canReschedule: b.allowed.includes('RESCHEDULE'),
          })),
          loaded: true,
        }))
        .catch(showError)
    },

    /** The WeCom meeting opens from its link in WeChat; the mini-program cannot open outside pages, so it copies it. */
    onJoin(e) {
      const booking = this.data.items[Number(e.currentTarget.dataset.index)]
      wx.setClipboardData({
        data: booking.joinUrl,
        success: () => wx.showModal({
          title: '会议链接已复制',
          content: `请在微信里粘贴打开，会议号 ${booking.meetingCode || ''}。到时间后党代表会请您进入。`,
          showCancel: false,
          confirmText: '知道了',
        }),
      })
    },

    onReschedule(e) {
      const booking = this.data.items[Number(e.currentTarget.dataset.index)]
      wx.navigateTo({ url: `/pages/booking/index?reschedule=${booking.id}` })
    },

    onCancel(e) {
      const booking = this.data.items[Number(e.currentTarget.dataset.index)]
      return new Promise((resolve) => {
        wx.showModal({
          title: '取消预约',
          content: `确定取消 ${booking.when} 的视频接待吗？`,
          confirmText: '取消预约',
          cancelText: '不取消',
          success: (answer) => resolve(answer.confirm),
        })
      }).then((confirmed) => {
        if (!confirmed) return null
        return mp.cancelBooking(booking.id)
          .then(() => showDone('已取消'))
          .then(() => this.reload())
          .catch(showError)
      })
    },

    onNew() {
      wx.navigateTo({ url: '/pages/booking/index' })
    },
  },
})
