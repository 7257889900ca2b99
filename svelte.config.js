import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ out: 'build', precompress: false }),
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
    output: { bundleStrategy: 'single' }
  }
};
