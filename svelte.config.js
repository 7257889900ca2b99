import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    files: {
      routes: 'src/web/routes',
      lib: 'src/web/lib',
      appTemplate: 'src/web/app.html',
      hooks: { server: 'src/web/hooks.server.ts', client: 'src/web/hooks.client.ts', universal: 'src/web/hooks.ts' },
      assets: 'src/web/static',
      params: 'src/web/params',
      serviceWorker: 'src/web/service-worker'
    },
    // Pages import the core by name: `$core/governance/cast-ballot`, not `../../../../governance/…`.
    alias: { $core: 'src' },
    // Form posts must come from our own origin (SvelteKit checks the Origin header).
    csrf: { trustedOrigins: [] },
    // Minimal client JS: pages are server-rendered and forms work without JS.
    output: { bundleStrategy: 'single' },
    // Content-Security-Policy of every page (decision 0103): only our own scripts and styles, the
    // one inline script SvelteKit writes on the pages with JavaScript allowed by its hash, no inline
    // styles but the announcer's below, images from us or data: URLs (the QRIS code), never framed. Other responses get the
    // same policy from the server (src/server/app.ts).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // The one inline style: SvelteKit's route announcer (`<div id="svelte-announcer" style="position: absolute; …">`,
        // added on the pages with JavaScript), allowed by its hash. test/e2e/csp.test.ts reports it if it changes.
        'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    }
  }
};
