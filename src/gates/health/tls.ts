import * as net from 'node:net'
import * as tls from 'node:tls'

export type CertificateCheck = { ok: true; validTo: Date; subject: string } | { ok: false; message: string }

/**
 * Reads the certificate an https target presents. Chain validation is the probe's job (fetch rejects an
 * untrusted certificate); this only needs the expiry date, so it accepts whatever is presented.
 */
export function readCertificate(url: URL, timeoutMs: number): Promise<CertificateCheck> {
  return new Promise(resolve => {
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      // SNI must be a host name, never an IP address.
      ...(net.isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false
    })
    const finish = (result: CertificateCheck) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(
      () => finish({ ok: false, message: `no TLS handshake within ${timeoutMs}ms` }),
      timeoutMs
    )
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate()
      if (!certificate?.valid_to) return finish({ ok: false, message: 'the server presented no certificate' })
      finish({
        ok: true,
        validTo: new Date(certificate.valid_to),
        subject: [certificate.subject?.CN ?? host].flat()[0] ?? host
      })
    })
    socket.once('error', error =>
      finish({
        ok: false,
        message: `TLS connection failed (${(error as NodeJS.ErrnoException).code ?? error.message})`
      })
    )
  })
}
