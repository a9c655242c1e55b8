/**
 * Reception slots as villagers read them. The backend gives times with the town's offset (+08:00), so the
 * day and the hour are read off the string itself: the town's time, whatever the phone's time zone.
 */
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

function dayOf(iso) {
  return iso.slice(0, 10)
}

function timeOf(iso) {
  return iso.slice(11, 16)
}

/** "9月28日 周一" for a YYYY-MM-DD day. */
function dayLabel(day) {
  const [y, m, d] = day.split('-').map(Number)
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return `${m}月${d}日 ${WEEKDAYS[weekday]}`
}

/** The next `count` days from `today` (a Date), as YYYY-MM-DD in the phone's calendar. */
function nextDays(today, count) {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + i)
    const pad = (n) => (n < 10 ? `0${n}` : `${n}`)
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  })
}

module.exports = { dayOf, timeOf, dayLabel, nextDays }
