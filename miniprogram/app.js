const { ensureSession } = require('./services/request')

App({
  onLaunch() {
    // Sign in early so the first page does not wait for it. A failure here is not shown: the first call
    // that needs the session signs in again and shows the reason to the resident.
    ensureSession().catch(() => {})
  },
})
