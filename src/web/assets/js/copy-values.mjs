/* global document -- runs in the browser */
// The notification pack, enhanced: a "Copy" button beside each value, so the national form can
// be completed quickly. Without JavaScript (or a clipboard) the values stay plain selectable text.
const status = document.getElementById('copy-status')

if (navigator.clipboard) {
  for (const value of document.querySelectorAll('.app-copy')) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2 app-copy__button'
    button.textContent = 'Copy'
    const label = document.createElement('span')
    label.className = 'govuk-visually-hidden'
    label.textContent = ` ${value.dataset.copyLabel ?? ''}`
    button.append(label)
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(value.textContent ?? '')
      if (status) status.textContent = `${value.dataset.copyLabel ?? 'Value'} copied`
    })
    value.after(button)
  }
}
