/**
 * A fresh key for one form submission (RFC 4122 version 4 layout). Math.random is enough: the key only has
 * to be unlikely to repeat for one resident, it guards against double registration, not against attackers.
 */
function newIdempotencyKey() {
  const hex = '0123456789abcdef'
  let key = ''
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) key += '-'
    else if (i === 14) key += '4'
    else if (i === 19) key += hex[8 + Math.floor(Math.random() * 4)]
    else key += hex[Math.floor(Math.random() * 16)]
  }
  return key
}

/**
 * Whether a request that failed may still have been registered: unless the backend certainly refused it (a 4xx
 * other than 408/429), the answer may simply not have reached us, and the retry must repeat the same key.
 */
function mayHaveRegistered(error) {
  return !(error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429)
}

module.exports = { newIdempotencyKey, mayHaveRegistered }
