const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, textOf } = require('./support/pages')

let wx
let backend

const SLOTS = [
  { representativeId: 7, representativeName: '陈明', startsAt: '2026-09-28T09:00:00+08:00', endsAt: '2026-09-28T09:30:00+08:00' },
  { representativeId: 7, representativeName: '陈明', startsAt: '2026-09-28T09:40:00+08:00', endsAt: '2026-09-28T10:10:00+08:00' },
  { representativeId: 8, representativeName: '李文斌', startsAt: '2026-10-01T14:00:00+08:00', endsAt: '2026-10-01T14:30:00+08:00' },
]
const SLOTS_PATH = '/api/mp/slots?from=2026-09-28&to=2026-10-04'

beforeEach(() => {
  // The phone's clock: Monday 28 September 2026, 08:00 in the town. Only Date is faked; the platform's timers run.
  jest.useFakeTimers({ now: new Date('2026-09-28T08:00:00+08:00'), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'nextTick', 'queueMicrotask'] })
  ;({ wx, backend } = installPlatform())
  backend.on('GET', SLOTS_PATH, { data: SLOTS })
})

afterEach(() => {
  jest.useRealTimers()
})

test('the week is shown day by day with its free slots as large buttons', async () => {
  const page = await openPage('pages/booking/index')
  await settle()

  const days = page.querySelectorAll('.day')
  expect(days).toHaveLength(7)
  expect(textOf(days[0])).toContain('9月28日 周一')
  expect(textOf(days[0])).toContain('2 个时段')
  expect(textOf(days[1])).toContain('无')
  const slots = page.querySelectorAll('.slot')
  expect(slots.map(textOf)).toEqual(['09:00–09:30陈明', '09:40–10:10陈明'])

  days[3].dispatchEvent('tap')
  await settle()
  expect(page.querySelectorAll('.slot').map(textOf)).toEqual(['14:00–14:30李文斌'])
})

test('a tapped slot is held with a countdown, then confirmed with what the call is about', async () => {
  backend.on('POST', '/api/mp/bookings/holds', { statusCode: 201, data: { holdId: 'h-1', expiresAt: '2026-09-28T08:05:00+08:00' } })
  backend.on('POST', '/api/mp/bookings', { statusCode: 201, data: { bookingId: 'h-1', caseId: 'c-1' } })
  const page = await openPage('pages/booking/index')
  await settle()

  page.querySelectorAll('.slot')[1].dispatchEvent('tap')
  await settle()
  expect(backend.callsTo('POST', '/api/mp/bookings/holds')[0].data)
    .toEqual({ representativeId: 7, startsAt: '2026-09-28T09:40:00+08:00' })
  expect(textOf(page.querySelector('.held'))).toContain('已为您保留：9月28日 周一 09:40–10:10')
  expect(textOf(page.querySelector('.countdown'))).toContain('5分00秒')
  page.instance.stopCountdown()

  jest.setSystemTime(new Date('2026-09-28T08:03:30+08:00'))
  page.instance.tick()
  await settle()
  expect(textOf(page.querySelector('.countdown'))).toContain('1分30秒')

  page.querySelector('.topic').dispatchEvent('input', { detail: { value: '  灌溉渠堵了  ' } })
  tapButton(page, '.confirm')
  await settle()
  expect(backend.callsTo('POST', '/api/mp/bookings')[0].data).toEqual({ holdId: 'h-1', topic: '灌溉渠堵了' })
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/bookings/index' })
})

test('a hold that runs out lets the slot go and the resident chooses again', async () => {
  backend.on('POST', '/api/mp/bookings/holds', { statusCode: 201, data: { holdId: 'h-1', expiresAt: '2026-09-28T08:05:00+08:00' } })
  const page = await openPage('pages/booking/index')
  await settle()
  page.querySelectorAll('.slot')[0].dispatchEvent('tap')
  await settle()
  page.instance.stopCountdown()

  jest.setSystemTime(new Date('2026-09-28T08:05:00+08:00'))
  page.instance.tick()
  await settle()

  expect(page.querySelector('.held')).toBeFalsy()
  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '保留已过期，请重新选择时段' }))
  expect(backend.callsTo('GET', SLOTS_PATH)).toHaveLength(2)
})

test('a slot taken meanwhile is said so and the slots are read again', async () => {
  backend.on('POST', '/api/mp/bookings/holds', {
    statusCode: 409,
    header: { 'Content-Type': 'application/problem+json' },
    data: { title: 'Conflict', status: 409, detail: '该时段已被预约，请选择其他时段 (the slot is taken)' },
  })
  const page = await openPage('pages/booking/index')
  await settle()
  page.querySelectorAll('.slot')[0].dispatchEvent('tap')
  await settle()

  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('该时段已被预约') }))
  expect(page.querySelector('.held')).toBeFalsy()
  expect(backend.callsTo('GET', SLOTS_PATH)).toHaveLength(2)
})

test('choosing again lets the held slot go at once', async () => {
  backend.on('POST', '/api/mp/bookings/holds', { statusCode: 201, data: { holdId: 'h-9', expiresAt: '2026-09-28T08:05:00+08:00' } })
  backend.on('POST', '/api/mp/bookings/holds/h-9/release', { data: { id: 'h-9', state: 'CANCELLED' } })
  const page = await openPage('pages/booking/index')
  await settle()
  page.querySelectorAll('.slot')[0].dispatchEvent('tap')
  await settle()

  tapButton(page, '.back')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/bookings/holds/h-9/release')).toHaveLength(1)
  expect(page.querySelector('.held')).toBeFalsy()
  expect(page.querySelectorAll('.slot')).toHaveLength(2)
})

test('confirming asks once for a WeChat reminder with the booking template only, and books whatever the answer', async () => {
  backend.on('GET', '/api/mp/subscriptions', {
    data: { templates: [{ templateId: 'tpl-reply', purpose: 'REPLY', remaining: 0 }, { templateId: 'tpl-booking', purpose: 'BOOKING', remaining: 0 }] },
  })
  backend.on('POST', '/api/mp/subscriptions', { statusCode: 200, data: { templates: [] } })
  backend.on('POST', '/api/mp/bookings/holds', { statusCode: 201, data: { holdId: 'h-2', expiresAt: '2026-09-28T08:05:00+08:00' } })
  backend.on('POST', '/api/mp/bookings', { statusCode: 201, data: { bookingId: 'h-2', caseId: 'c-2' } })
  wx.requestSubscribeMessage.mockImplementation((options) => {
    setTimeout(() => options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-booking': 'reject' }), 0)
  })
  const page = await openPage('pages/booking/index')
  await settle()
  page.querySelectorAll('.slot')[0].dispatchEvent('tap')
  await settle()
  page.instance.stopCountdown()

  page.querySelector('.topic').dispatchEvent('input', { detail: { value: '医保报销' } })
  tapButton(page, '.confirm')
  await settle()

  expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1)
  expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tpl-booking'])
  expect(backend.callsTo('POST', '/api/mp/subscriptions')[0].data).toEqual({ results: { 'tpl-booking': 'reject' } })
  expect(backend.callsTo('POST', '/api/mp/bookings')[0].data).toEqual({ holdId: 'h-2', topic: '医保报销' })
})
