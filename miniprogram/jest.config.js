module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  // WeChat's template compiler runs once per test file, in a child process; give slow CI machines room.
  testTimeout: 20000,
}
