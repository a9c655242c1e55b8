const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, typeInto, textOf } = require('./support/pages')

let wx
let backend

function aCase(changes = {}) {
  return Object.assign({
    id: 'c-1',
    number: 'SG-20261127-0001',
    state: 'REPLIED',
    stateLabel: '已回复',
    text: '村口的路灯坏了三个月了',
    categoryName: '道路交通',
    villageName: '东村',
    createdAt: '2026-11-27T01:00:00Z',
    photos: [{ id: 'p-1', url: '/api/mp/uploads/p-1' }],
    reply: { text: '路灯已于本周修好，请您查看。', at: '2026-11-27T08:00:00Z', by: '陈明' },
    feedback: null,
    canRate: true,
    canReopen: false,
    timeline: [
      { at: '2026-11-27T01:00:00Z', step: 'REGISTERED', label: '已登记', detail: '编号 SG-20261127-0001' },
      { at: '2026-11-27T02:00:00Z', step: 'RECEIVED', label: '代表已接待', detail: '陈明' },
      { at: '2026-11-27T03:00:00Z', step: 'IN_PROGRESS', label: '正在处理', detail: '当场办理' },
      { at: '2026-11-27T08:00:00Z', step: 'REPLIED', label: '代表已回复', detail: '' },
    ],
  }, changes)
}

beforeEach(() => {
  ({ wx, backend } = installPlatform())
})

test('the timeline shows all six steps in order, with what happened in each and the current one marked', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aCase() })

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  const timeline = page.querySelector('.timeline')
  const steps = timeline.querySelectorAll('.step')
  // Inside a component the simulator prefixes class names, so the step's parts are found by suffix.
  const labelOf = (step) => textOf(step.dom.querySelector('[class$="step-label"]'))
  expect(steps.map((s) => s.dom.dataset.state)).toEqual(
    ['REGISTERED', 'RECEIVED', 'IN_PROGRESS', 'REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED'])
  expect(steps.map(labelOf)).toEqual(
    ['登记', '接待', '处理', '回复（当前）', '反馈', '归档'])
  expect(steps.map((s) => s.dom.getAttribute('class').match(/step--(\w+)/)[1])).toEqual(
    ['done', 'done', 'done', 'current', 'todo', 'todo'])
  expect(textOf(steps[1])).toContain('代表已接待')
  expect(textOf(steps[2])).toContain('当场办理')
  expect(textOf(steps[0])).toMatch(/2026年11月27日 \d\d:00/)
  expect(textOf(steps[4])).toBe('5 反馈')
  expect(textOf(page.querySelector('.reply'))).toContain('路灯已于本周修好，请您查看。')
  // Photos stored on our server are shown from the configured base URL.
  expect(page.querySelector('.photo').dom.dataset.url).toBe('http://127.0.0.1:8080/api/mp/uploads/p-1')
})

test('rating the reply sends the chosen rating and comment, then shows the case as rated', async () => {
  let rated = false
  backend.on('GET', '/api/mp/cases/c-1', () => ({
    data: rated
      ? aCase({ state: 'FEEDBACK_GIVEN', stateLabel: '已反馈', canRate: false, feedback: { rating: 'BASICALLY_SATISFIED', comment: '修得挺快' } })
      : aCase(),
  }))
  backend.on('POST', '/api/mp/cases/c-1/feedback', () => {
    rated = true
    return { statusCode: 204 }
  })
  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  page.querySelector('.rating--BASICALLY_SATISFIED').dispatchEvent('tap')
  typeInto(page, '.comment-field', '修得挺快')
  await settle()
  tapButton(page, '.rate-button')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/cases/c-1/feedback')[0].data).toEqual(
    { rating: 'BASICALLY_SATISFIED', comment: '修得挺快' })
  expect(textOf(page.querySelector('.feedback'))).toContain('基本满意')
  expect(page.querySelector('.rate-button')).toBeUndefined()
})

test('rating without choosing asks for a choice and sends nothing', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aCase() })
  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  tapButton(page, '.rate-button')
  await settle()

  expect(wx.showModal.mock.calls[0][0].content).toBe('请先选择满意、基本满意或不满意')
  expect(backend.callsTo('POST', '/api/mp/cases/c-1/feedback')).toHaveLength(0)
})

test('an unsatisfied resident can reopen the case with a reason', async () => {
  backend.on('GET', '/api/mp/cases/c-1', {
    data: aCase({ state: 'FEEDBACK_GIVEN', canRate: false, canReopen: true, feedback: { rating: 'UNSATISFIED' } }),
  })
  backend.on('POST', '/api/mp/cases/c-1/reopen', { statusCode: 204 })
  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  typeInto(page, '.reason-field', '灯又不亮了')
  await settle()
  tapButton(page, '.reopen-button')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/cases/c-1/reopen')[0].data).toEqual({ reason: '灯又不亮了' })
})

test('a case of someone else (404) says it was not found', async () => {
  backend.on('GET', '/api/mp/cases/c-9', {
    statusCode: 404, data: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such case' },
  })

  await openPage('pages/case-detail/index', { id: 'c-9' })
  await settle()

  expect(wx.showModal.mock.calls[0][0].content).toBe('没有找到相关内容')
})
