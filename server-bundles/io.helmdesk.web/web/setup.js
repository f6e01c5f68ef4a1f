'use strict';
// The first-run page: the one-time token travels in the link's fragment, which browsers never send to a server.

const token = decodeURIComponent(location.hash.replace(/^#/, ''));
const form = document.getElementById('setup');

async function start() {
  try {
    const answer = await fetch('/api/v1/auth/setup', { headers: { Accept: 'application/json' } });
    const setup = await answer.json();
    if (!setup.needed) {
      show('up', 'This server is set up already: sign in from the Helmdesk Console.');
    } else if (!token) {
      show('down', 'This page needs the link printed in the server log at its start (it ends with #hdsetup_…).');
    } else {
      show('pending', 'Choose the administrator\'s e-mail address and password.');
      form.hidden = false;
    }
  } catch (error) {
    show('down', 'The server does not answer: ' + error.message);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  if (fields.get('password') !== fields.get('confirmation')) {
    show('down', 'The two passwords differ.');
    return;
  }
  const body = {
    token: token,
    email: fields.get('email'),
    displayName: fields.get('displayName'),
    password: fields.get('password')
  };
  try {
    const answer = await fetch('/api/v1/auth/setup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    });
    const result = await answer.json();
    if (answer.ok) {
      form.hidden = true;
      form.reset();
      show('up', 'The administrator ' + body.email + ' is created. Sign in from the Helmdesk Console.');
    } else {
      show('down', result.message);
    }
  } catch (error) {
    show('down', 'The server does not answer: ' + error.message);
  }
});

start();
