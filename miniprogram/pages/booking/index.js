const { mp } = require('../../services/api')
const subscriptions = require('../../services/subscriptions')
const { showError, showDone } = require('../../utils/ui')
const {
  dayOf, timeOf, dayLabel, nextDays,
} = require('../../utils/slots')

const DAYS = 7

function countdownOf(seconds) {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return `${m}分${s < 10 ? '0' : ''}${s}秒`
}

Component({
  data: {
    days: [],
    dayIndex: 0,
    loaded: false,
    hold: null,
    countdown: '',
    topic: '',
    busy: false,
    // Set when moving a booking (我的预约 → 改期): confirming moves it, keeping its topic and case.
    rescheduleId: '',
    // The booking subscribe template, loaded beforehand: the confirm tap asks for a reminder by WeChat (else SMS).
    templates: [],
  },

  lifetimes: {
    detached() {
      this.stopCountdown()
    },
  },

  methods: {
    onLoad(query) {
      this.setData({ rescheduleId: (query && query.reschedule) || '' })
      subscriptions.templates(['BOOKING'])
        .then((templates) => this.setData({ templates }))
        .catch(() => this.setData({ templates: [] }))
      return this.load()
    },

    onUnload() {
      this.stopCountdown()
    },

    /** The week's free slots in one call, grouped by day. */
    load() {
      const days = nextDays(new Date(), DAYS)
      return mp.slots(days[0], days[DAYS - 1])
        .then((slots) => {
          this.setData({
            days: days.map((day) => ({
              day,
              label: dayLabel(day),
              slots: slots.filter((s) => dayOf(s.startsAt) === day)
                .map((s) => Object.assign({}, s, { time: `${timeOf(s.startsAt)}–${timeOf(s.endsAt)}` })),
            })),
            loaded: true,
          })
        })
        .catch(showError)
    },

    onPickDay(e) {
      this.setData({ dayIndex: Number(e.currentTarget.dataset.index) })
    },

    onPickSlot(e) {
      const slot = this.data.days[this.data.dayIndex].slots[Number(e.currentTarget.dataset.index)]
      return mp.hold(slot.representativeId, slot.startsAt)
        .then((held) => {
          this.setData({
            hold: {
              holdId: held.holdId,
              expiresAt: held.expiresAt,
              representativeName: slot.representativeName,
              label: `${dayLabel(dayOf(slot.startsAt))} ${slot.time}`,
            },
          })
          this.startCountdown()
        })
        // Taken meanwhile (409) or over the resident's cap: say so, and show what is free now.
        .catch((error) => {
          showError(error)
          return this.load()
        })
    },

    startCountdown() {
      this.stopCountdown()
      this.tick()
      this.timer = setInterval(() => this.tick(), 1000)
    },

    stopCountdown() {
      if (this.timer) clearInterval(this.timer)
      this.timer = null
    },

    /** Seconds left on the hold; at zero the slot is let go and the resident chooses again. */
    tick() {
      if (!this.data.hold) return
      const left = Math.max(0, Math.round((new Date(this.data.hold.expiresAt).getTime() - Date.now()) / 1000))
      if (left === 0) {
        this.stopCountdown()
        this.setData({ hold: null, countdown: '' })
        showError({ message: '保留已过期，请重新选择时段' })
        this.load()
        return
      }
      this.setData({ countdown: countdownOf(left) })
    },

    onTopic(e) {
      this.setData({ topic: e.detail.value })
    },

    onConfirm() {
      if (this.data.busy) return Promise.resolve()
      const { hold, topic, rescheduleId } = this.data
      if (!rescheduleId && !topic.trim()) {
        showError({ message: '请写一句想和代表谈的事' })
        return Promise.resolve()
      }
      this.setData({ busy: true })
      // Asked straight from the tap (WeChat refuses the dialog otherwise); whatever the answer, the booking goes on.
      return subscriptions.ask(this.data.templates).catch(() => null)
        .then(() => (rescheduleId ? mp.reschedule(rescheduleId, hold.holdId) : mp.book(hold.holdId, topic.trim())))
        .then(() => {
          this.stopCountdown()
          showDone(rescheduleId ? '已改期' : '预约成功')
          wx.navigateTo({ url: '/pages/bookings/index' })
        })
        .catch(showError)
        .then(() => this.setData({ busy: false }))
    },

    /** Choosing again lets the held slot go at once, for others and for the resident's own count. */
    onRelease() {
      const { hold } = this.data
      this.stopCountdown()
      this.setData({ hold: null, countdown: '' })
      return mp.releaseHold(hold.holdId).catch(() => null).then(() => this.load())
    },
  },
})
