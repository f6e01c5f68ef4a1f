'use strict';
// Shared by the form pages: the status line that says what happens.

function show(kind, text) {
  const status = document.getElementById('status');
  status.className = 'status ' + kind;
  status.textContent = text;
}
