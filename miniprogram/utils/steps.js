/** The six steps every case goes through, in order, with the names residents know them by. */
const STEPS = [
  { state: 'REGISTERED', label: '登记' },
  { state: 'RECEIVED', label: '接待' },
  { state: 'IN_PROGRESS', label: '处理' },
  { state: 'REPLIED', label: '回复' },
  { state: 'FEEDBACK_GIVEN', label: '反馈' },
  { state: 'ARCHIVED', label: '归档' },
]

function stepIndex(state) {
  return STEPS.findIndex((s) => s.state === state)
}

const RATINGS = [
  { value: 'SATISFIED', label: '满意' },
  { value: 'BASICALLY_SATISFIED', label: '基本满意' },
  { value: 'UNSATISFIED', label: '不满意' },
]

module.exports = { STEPS, stepIndex, RATINGS }
