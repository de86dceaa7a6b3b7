/** Entry of the sidebar page: asks the server for the state, then builds the page. */
import { h, fill } from './dom';
import { startApp } from './app';
import { call } from './server';

const root = document.getElementById('app')!;
call('sidebarState').then(
  (state) => startApp(root, state),
  (error: Error) => fill(root, h('p', { class: 'error', role: 'alert' }, error.message)),
);
