// Shows why the previous login failed; the server says so by redirecting to login.html?failed.
if (new URLSearchParams(location.search).has('failed')) {
  document.getElementById('failed').hidden = false;
}
