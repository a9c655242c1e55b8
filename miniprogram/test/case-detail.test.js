const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, typeInto, textOf } = require('./support/pages')

let wx
let backend

// The backend's MiniProgramCases.Detail: reply, repliedBy, feedback and feedbackComment are plain strings; each timeline entry is
// {at, step, label (the step's name), detail (what happened, in the resident's words)}.
function aCase(changes = {}) {
  return Object.assign({
    id: 'c-1',
    number: 'SG-20261127-0001',
    state: 'REPLIED',
    stateLabel: '回复',
    text: '村口的路灯坏了三个月了',
    categoryName: '道路交通',
    villageName: '东村',
    createdAt: '2026-11-27T01:00:00Z',
    photos: [{ id: 'p-1', url: '/api/mp/uploads/p-1' }, { id: 'p-2', url: '/api/mp/uploads/p-2' }],
    reply: '路灯已于本周修好，请您查看。',
    repliedAt: '2026-11-27T08:00:00Z',
    repliedBy: '王秀兰',
    feedback: null,
    feedbackComment: null,
    canRate: true,
    canReopen: false,
    timeline: [
      { at: '2026-11-27T01:00:00Z', step: 'REGISTERED', label: '登记', detail: '您的诉求已登记' },
      { at: '2026-11-27T01:00:01Z', step: 'REGISTERED', label: '登记', detail: '已分派党代表办理' },
      { at: '2026-11-27T02:00:00Z', step: 'RECEIVED', label: '接待', detail: '党代表已签收' },
      { at: '2026-11-27T03:00:00Z', step: 'IN_PROGRESS', label: '处理', detail: '正在办理' },
      { at: '2026-11-27T08:00:00Z', step: 'REPLIED', label: '回复', detail: '党代表已答复' },
    ],
  }, changes)
}

/** Each photo downloads to a temp file named after it, as wx.downloadFile would. */
function servePhotos() {
  backend.on('DOWNLOAD', /^\/api\/mp\/uploads\//, (call) => ({ tempFilePath: `wxfile://tmp/${call.path.split('/').pop()}.jpg` }))
}

beforeEach(() => {
  ({ wx, backend } = installPlatform())
  servePhotos()
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
  expect(textOf(steps[0])).toContain('您的诉求已登记')
  expect(textOf(steps[0])).toContain('已分派党代表办理')
  expect(textOf(steps[1])).toContain('党代表已签收')
  expect(textOf(steps[2])).toContain('正在办理')
  expect(textOf(steps[0])).toMatch(/2026年11月27日 \d\d:00/)
  // The step's name is the heading; it is not repeated under it.
  expect(textOf(steps[3]).match(/回复/g)).toHaveLength(1)
  expect(textOf(steps[4])).toBe('5 反馈')
  expect(textOf(page.querySelector('.reply-text'))).toBe('路灯已于本周修好，请您查看。')
})

test('the reply says which representative answered and when; a rating shows its comment', async () => {
  backend.on('GET', '/api/mp/cases/c-1', {
    data: aCase({ state: 'FEEDBACK_GIVEN', canRate: false, feedback: 'UNSATISFIED', feedbackComment: '灯还是不亮' }),
  })

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  expect(textOf(page.querySelector('.reply-by'))).toMatch(/^王秀兰 代表 · 2026年11月27日 \d\d:00 答复$/)
  expect(textOf(page.querySelector('.feedback-rating'))).toBe('不满意')
  expect(textOf(page.querySelector('.feedback-comment'))).toBe('灯还是不亮')
})

test('a reply without a named representative shows only its time, and a rating without comment shows none', async () => {
  backend.on('GET', '/api/mp/cases/c-1', {
    data: aCase({ state: 'FEEDBACK_GIVEN', canRate: false, repliedBy: null, feedback: 'SATISFIED' }),
  })

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  expect(textOf(page.querySelector('.reply-by'))).toMatch(/^2026年11月27日 \d\d:00 答复$/)
  expect(textOf(page.querySelector('.feedback'))).toBe('满意')
  expect(page.querySelector('.feedback-comment')).toBeUndefined()
})

test('photos are downloaded with the session token and shown from their local files', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aCase() })

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  const downloads = backend.calls.filter((c) => c.method === 'DOWNLOAD')
  expect(downloads.map((c) => c.path)).toEqual(['/api/mp/uploads/p-1', '/api/mp/uploads/p-2'])
  const { token } = wx.storage.get('lianxin.session')
  downloads.forEach((c) => expect(c.header.Authorization).toBe(`Bearer ${token}`))
  const photos = page.querySelectorAll('.photo')
  // The simulator keeps no attributes of the built-in <image>; data-path is bound to the same value as src.
  expect(photos.map((p) => p.dom.dataset.path)).toEqual(['wxfile://tmp/p-1.jpg', 'wxfile://tmp/p-2.jpg'])

  photos[1].dispatchEvent('tap')
  await settle()
  expect(wx.previewImage).toHaveBeenCalledWith({
    urls: ['wxfile://tmp/p-1.jpg', 'wxfile://tmp/p-2.jpg'], current: 'wxfile://tmp/p-2.jpg',
  })
})

test('a photo download answered 401 signs in again and downloads it with the new token', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aCase({ photos: [{ id: 'p-1', url: '/api/mp/uploads/p-1' }] }) })
  backend.on('DOWNLOAD', '/api/mp/uploads/p-1', (call) => (call.header.Authorization === 'Bearer token-for-wx-code-1'
    ? { statusCode: 401 } : { tempFilePath: 'wxfile://tmp/p-1.jpg' }))

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  expect(wx.login).toHaveBeenCalledTimes(2)
  expect(backend.calls.filter((c) => c.method === 'DOWNLOAD').map((c) => c.header.Authorization))
    .toEqual(['Bearer token-for-wx-code-1', 'Bearer token-for-wx-code-2'])
  expect(page.querySelector('.photo').dom.dataset.path).toBe('wxfile://tmp/p-1.jpg')
})

test('a photo that cannot be loaded is marked, and the case is still shown', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aCase({ photos: [{ id: 'p-1', url: '/api/mp/uploads/p-1' }] }) })
  backend.on('DOWNLOAD', '/api/mp/uploads/p-1', { networkError: true })

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  expect(textOf(page.querySelector('.photo--waiting'))).toBe('照片加载失败')
  expect(textOf(page.querySelector('.reply-text'))).toBe('路灯已于本周修好，请您查看。')
  expect(wx.showModal).not.toHaveBeenCalled()
})

/** A reply with two images and two PDFs, in the order the representative attached them. */
function aRepliedCaseWithAttachments() {
  return aCase({
    photos: [],
    replyAttachments: [
      { id: 'a-1', url: '/api/mp/uploads/a-1', contentType: 'image/jpeg' },
      { id: 'a-2', url: '/api/mp/uploads/a-2', contentType: 'application/pdf' },
      { id: 'a-3', url: '/api/mp/uploads/a-3', contentType: 'image/png' },
      { id: 'a-4', url: '/api/mp/uploads/a-4', contentType: 'application/pdf' },
    ],
  })
}

test('the reply shows its images from their downloaded files and a row per PDF', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aRepliedCaseWithAttachments() })

  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  // Only the images are fetched up front; a PDF waits for its tap.
  expect(backend.calls.filter((c) => c.method === 'DOWNLOAD').map((c) => c.path))
    .toEqual(['/api/mp/uploads/a-1', '/api/mp/uploads/a-3'])
  const images = page.querySelectorAll('.reply-image')
  expect(images.map((i) => i.dom.dataset.path)).toEqual(['wxfile://tmp/a-1.jpg', 'wxfile://tmp/a-3.jpg'])
  expect(page.querySelectorAll('.document').map(textOf)).toEqual(['📄 附件 1（PDF）', '📄 附件 2（PDF）'])

  images[0].dispatchEvent('tap')
  await settle()
  expect(wx.previewImage).toHaveBeenCalledWith({
    urls: ['wxfile://tmp/a-1.jpg', 'wxfile://tmp/a-3.jpg'], current: 'wxfile://tmp/a-1.jpg',
  })
})

test('tapping a PDF downloads it with the session token and opens it in WeChat', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aRepliedCaseWithAttachments() })
  backend.on('DOWNLOAD', '/api/mp/uploads/a-4', { tempFilePath: 'wxfile://tmp/a-4.pdf' })
  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  page.querySelectorAll('.document')[1].dispatchEvent('tap')
  await settle()

  const { token } = wx.storage.get('lianxin.session')
  const download = backend.callsTo('DOWNLOAD', '/api/mp/uploads/a-4')
  expect(download).toHaveLength(1)
  expect(download[0].header.Authorization).toBe(`Bearer ${token}`)
  expect(wx.openDocument).toHaveBeenCalledTimes(1)
  expect(wx.openDocument.mock.calls[0][0]).toMatchObject(
    { filePath: 'wxfile://tmp/a-4.pdf', fileType: 'pdf', showMenu: true })
  expect(backend.callsTo('DOWNLOAD', '/api/mp/uploads/a-2')).toHaveLength(0)
  expect(textOf(page.querySelectorAll('.document')[1])).toBe('📄 附件 2（PDF）')
  expect(wx.showModal).not.toHaveBeenCalled()
})

test('a PDF that cannot be downloaded says why and opens nothing', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aRepliedCaseWithAttachments() })
  backend.on('DOWNLOAD', '/api/mp/uploads/a-2', { networkError: true })
  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  page.querySelectorAll('.document')[0].dispatchEvent('tap')
  await settle()

  expect(wx.openDocument).not.toHaveBeenCalled()
  expect(wx.showModal.mock.calls[0][0].content).toBe('网络连接失败，请检查网络后重试')
  // The row can be tapped again.
  expect(textOf(page.querySelectorAll('.document')[0])).toBe('📄 附件 1（PDF）')
})

test('a PDF that WeChat cannot open says so', async () => {
  backend.on('GET', '/api/mp/cases/c-1', { data: aRepliedCaseWithAttachments() })
  wx.openDocument.mockImplementation((options) => options.fail({ errMsg: 'openDocument:fail' }))
  const page = await openPage('pages/case-detail/index', { id: 'c-1' })
  await settle()

  page.querySelectorAll('.document')[0].dispatchEvent('tap')
  await settle()

  expect(wx.showModal.mock.calls[0][0].content).toBe('文件打不开，请稍后再试')
})

test('rating the reply sends the chosen rating and comment, then shows the case as rated', async () => {
  let rated = false
  backend.on('GET', '/api/mp/cases/c-1', () => ({
    data: rated
      ? aCase({ state: 'FEEDBACK_GIVEN', stateLabel: '反馈', canRate: false, feedback: 'BASICALLY_SATISFIED' })
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
  expect(textOf(page.querySelector('.feedback'))).toBe('基本满意')
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
    data: aCase({ state: 'FEEDBACK_GIVEN', canRate: false, canReopen: true, feedback: 'UNSATISFIED' }),
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
