/** How errors reach the resident: a dialog with large text they can read at their pace, not a 2-second toast. */
function showError(error) {
  wx.showModal({
    title: '提示',
    content: (error && error.message) || '出了点问题，请稍后再试',
    showCancel: false,
    confirmText: '知道了',
  })
}

function showDone(title) {
  wx.showToast({ title, icon: 'success' })
}

module.exports = { showError, showDone }
