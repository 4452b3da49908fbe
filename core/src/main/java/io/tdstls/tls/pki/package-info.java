/**
 * Certificate material: in-process generation of keys, certificates and revocation lists
 * ({@link io.tdstls.tls.pki.HeldCertificate}, {@link io.tdstls.tls.pki.RevocationListBuilder}) for
 * tests and for the self-signed certificate of {@code serve}/{@code demo}, and loading of
 * certificates, private keys, key stores and CRLs from files ({@link
 * io.tdstls.tls.pki.CertificateFiles}, {@link io.tdstls.tls.pki.PrivateKeyFiles}, {@link
 * io.tdstls.tls.pki.KeyStoreFiles}).
 *
 * <p>All parsing is done by BouncyCastle; every failure to read material is reported as a {@link
 * io.tdstls.error.TdsConfigException} that names the file and says what to do.
 */
package io.tdstls.tls.pki;
