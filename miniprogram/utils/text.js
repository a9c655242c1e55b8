/** Lists (work fields, schedules) may come as arrays or as text; residents read them as one line. */
function asLine(value) {
  if (Array.isArray(value)) return value.filter(Boolean).join('、')
  return value || ''
}

module.exports = { asLine }
