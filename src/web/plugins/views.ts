// Nunjucks through @fastify/view, with autoescaping on. `reply.page()` renders a template with
// what every page needs (the CSP nonce, a lazy CSRF token, the signed-in user, the navigation),
// so a route passes only its own data.
import view from '@fastify/view'
import nunjucks from 'nunjucks'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../paths.js'
import { layoutContext } from '../layout-context.js'

export interface ViewsOptions {
  readonly production: boolean
  /** When the bank holiday calendar runs out, and whether admins should be warned (issue 7, item 4). */
  readonly calendarCoverage?: () => { lastDay: string; warn: boolean }
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page (template path relative to a views root) with the shared context. */
    page(template: string, data?: Record<string, unknown>, status?: number): FastifyReply
  }
}

// Made once: a formatter is costly to build and cheap to use, and a history lists many times.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
const CLOCK_TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' })

const formatters = {
  /** "24 November 2026 at 1:05pm", in Europe/London, as the GOV.UK style guide writes times. */
  dateTime(iso: string): string {
    const date = new Date(iso)
    const day = LONG_DATE.format(date)
    const time = CLOCK_TIME
      .format(date)
      .replace(' ', '')
      .replace(':00', '')
    return `${day} at ${time}`
  },
  /** The MoJ timeline's date filter (its own needs moment): a date alone, or a date and time. */
  mojDate(iso: string, type: string): string {
    return type === 'date' ? LONG_DATE.format(new Date(iso)) : formatters.dateTime(iso)
  },
}

async function views(app: FastifyInstance, options: ViewsOptions): Promise<void> {
  await app.register(view, {
    engine: { nunjucks },
    templates: [paths.views, paths.features, paths.govukFrontend, paths.mojFrontend],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      noCache: !options.production,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('dateTime', formatters.dateTime)
        env.addFilter('mojDate', formatters.mojDate)
        env.addGlobal('appAsset', (name: string) => app.assetUrl(name))
      },
    },
  })

  app.decorateReply('page', function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}, status?: number) {
    const request: FastifyRequest = this.request
    if (status !== undefined) this.code(status)
    return this.view(template, { ...layoutContext(request, this, options), ...data })
  })
}

export default fp(views, { name: 'views', dependencies: ['assets'] })
