const { STEPS, stepIndex } = require('../../utils/steps')
const { formatTime } = require('../../utils/format')

/**
 * The six steps of a case, top to bottom: done steps in colour, the current one marked, later ones grey,
 * and under each step what happened in it (resident-visible entries only — the backend filters them).
 */
Component({
  properties: {
    state: { type: String, value: '' },
    timeline: { type: Array, value: [] },
  },

  data: {
    steps: [],
  },

  observers: {
    'state, timeline': function (state, timeline) {
      const current = stepIndex(state)
      const steps = STEPS.map((step, i) => ({
        state: step.state,
        label: step.label,
        status: i < current ? 'done' : i === current ? 'current' : 'todo',
        entries: [],
      }))
      ;(timeline || []).forEach((entry, n) => {
        // An entry of a step we do not know (a newer backend) is shown under the current step, not lost.
        const at = stepIndex(entry.step)
        const step = steps[at >= 0 ? at : Math.max(current, 0)]
        // `label` is the step's own name (already the heading); `detail` says what happened.
        step.entries.push({ key: n, time: formatTime(entry.at), text: entry.detail || entry.label })
      })
      this.setData({ steps })
    },
  },
})
