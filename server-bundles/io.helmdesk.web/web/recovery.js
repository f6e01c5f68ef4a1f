'use strict';
// The recovery page: the link's token travels in its fragment, which browsers never send to a server.

const token = decodeURIComponent(location.hash.replace(/^#/, ''));
const form = document.getElementById('recovery');

if (!token) {
  form.hidden = true;
  show('down', 'This page needs the link from the recovery e-mail (it ends with #hdrec_…).');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  if (fields.get('password') !== fields.get('confirmation')) {
    show('down', 'The two passwords differ.');
    return;
  }
  try {
    const answer = await fetch('/api/v1/auth/recovery/complete', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token: token, newPassword: fields.get('password') })
    });
    if (answer.ok) {
      form.hidden = true;
      form.reset();
      show('up', 'Your password is changed. Sign in with it from the Helmdesk Console.');
    } else {
      show('down', (await answer.json()).message);
    }
  } catch (error) {
    show('down', 'The server does not answer: ' + error.message);
  }
});
