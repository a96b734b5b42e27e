/* global document, window -- runs in the browser */
// The GOV.UK timeout warning, as an enhancement: opens a modal dialog shortly before the server's
// idle limit. "Stay signed in" posts to /keep-alive in the background; if the time runs out the
// browser goes to the page that explains the user was signed out. The server enforces the limit
// either way: this script only warns.
const dialog = document.getElementById('timeout-warning')

if (dialog && typeof dialog.showModal === 'function') {
  const idleSeconds = Number(dialog.dataset.idleSeconds)
  const warningSeconds = Number(dialog.dataset.warningSeconds)
  const countdown = dialog.querySelector('.app-timeout-warning__countdown')
  const live = document.getElementById('timeout-warning-live')
  const form = dialog.querySelector('form')
  let warnTimer
  let tick

  const words = (seconds) => {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60)
      return `${minutes} minute${minutes === 1 ? '' : 's'}`
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`
  }

  const signOutNow = () => {
    window.location.href = '/signed-out?reason=inactive'
  }

  const open = () => {
    const endsAt = Date.now() + warningSeconds * 1000
    const update = () => {
      const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000))
      countdown.textContent = words(left)
      // Announce once a minute, and each 20 seconds near the end, not every second.
      if (left % 60 === 0 || (left < 60 && left % 20 === 0)) live.textContent = `For your security, we will sign you out in ${words(left)}.`
      if (left === 0) signOutNow()
    }
    update()
    tick = setInterval(update, 1000)
    dialog.showModal()
  }

  const restart = () => {
    clearTimeout(warnTimer)
    clearInterval(tick)
    warnTimer = setTimeout(open, Math.max(0, idleSeconds - warningSeconds) * 1000)
  }

  form.addEventListener('submit', async (event) => {
    // "Sign out" submits the form to /sign-out as usual; only "Stay signed in" is enhanced.
    if (event.submitter && event.submitter.getAttribute('formaction') === '/sign-out') return
    event.preventDefault()
    const response = await fetch('/keep-alive', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
    if (!response.ok) return signOutNow()
    dialog.close()
    restart()
  })

  // Escape would hide the warning without keeping the session alive; treat it as "Stay signed in".
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    form.requestSubmit(form.querySelector('button:not([formaction])'))
  })

  restart()
}
