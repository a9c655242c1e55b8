/** Dates as villagers read them: 2026年11月27日 15:01 (local time). */
function pad(n) {
  return n < 10 ? `0${n}` : `${n}`
}

function formatTime(iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

module.exports = { formatTime }
