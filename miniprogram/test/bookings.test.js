const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, textOf } = require('./support/pages')

let wx
let backend

const BOOKED = {
  id: 'b-1', state: 'CONFIRMED', stateLabel: '已预约', representativeId: 7, representativeName: '陈明', workstationId: 1,
  startsAt: '2026-09-28T09:40:00+08:00', endsAt: '2026-09-28T10:10:00+08:00', topic: '灌溉渠堵了', caseId: 'c-1',
  joinUrl: 'https://meeting.tencent.com/dm/abc', meetingCode: '806321587', allowed: ['CANCEL', 'RESCHEDULE'],
}
const CLOSE = Object.assign({}, BOOKED, { id: 'b-2', allowed: [] })
const MISSED = Object.assign({}, BOOKED, { id: 'b-3', state: 'MISSED_BY_RESIDENT', stateLabel: '群众未到', allowed: [] })

beforeEach(() => {
  ({ wx, backend } = installPlatform())
})

test('my bookings show join, and cancel and reschedule only where the rules allow them', async () => {
  backend.on('GET', '/api/mp/bookings', { data: [BOOKED, CLOSE, MISSED] })
  const page = await openPage('pages/bookings/index')
  await page.instance.onShow()
  await settle()

  const cards = page.querySelectorAll('.booking')
  expect(textOf(cards[0])).toContain('9月28日 周一 09:40–10:10')
  expect(textOf(cards[0])).toContain('会议号：806321587')
  // Only the first may still be cancelled or moved; the missed one can no longer be joined.
  expect(page.querySelectorAll('.cancel')).toHaveLength(1)
  expect(page.querySelectorAll('.reschedule')).toHaveLength(1)
  expect(page.querySelectorAll('.join')).toHaveLength(2)

  tapButton(page, '.join')
  await settle()
  expect(wx.setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: 'https://meeting.tencent.com/dm/abc' }))

  tapButton(page, '.reschedule')
  await settle()
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/booking/index?reschedule=b-1' })
})

test('cancelling asks first, then cancels and shows the booking as the backend now has it', async () => {
  backend.on('GET', '/api/mp/bookings', { data: [BOOKED] })
  backend.on('POST', '/api/mp/bookings/b-1/cancel', () => {
    backend.on('GET', '/api/mp/bookings', { data: [Object.assign({}, BOOKED, { state: 'CANCELLED', stateLabel: '已取消', allowed: [] })] })
    return { data: Object.assign({}, BOOKED, { state: 'CANCELLED' }) }
  })
  wx.showModal.mockImplementation((options) => options.success && options.success({ confirm: true }))
  const page = await openPage('pages/bookings/index')
  await page.instance.onShow()
  await settle()

  tapButton(page, '.cancel')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/bookings/b-1/cancel')).toHaveLength(1)
  expect(textOf(page.querySelector('.booking'))).toContain('已取消')
  expect(page.querySelector('.cancel')).toBeFalsy()
})
