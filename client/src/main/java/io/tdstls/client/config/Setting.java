package io.tdstls.client.config;

/** The settings the connection-string syntaxes can carry, whatever each calls them. */
enum Setting {
  /** ADO.NET {@code Data Source}: {@code [tcp:]host[\instance][,port]}. */
  DATA_SOURCE,
  /** JDBC {@code serverName}: {@code host[\instance]}. */
  SERVER_NAME,
  /** The TCP port. */
  PORT,
  /** The instance name. */
  INSTANCE,
  /** The initial database. */
  DATABASE,
  /** The SQL login. */
  USER,
  /** The password. */
  PASSWORD,
  /** The application name. */
  APPLICATION_NAME,
  /** The workstation name. */
  WORKSTATION,
  /** The requested packet size. */
  PACKET_SIZE,
  /** Seconds for the whole connection: sets both the connect and the login timeout. */
  CONNECTION_TIMEOUT_SECONDS,
  /** Seconds for each read of a query (ADO.NET {@code Command Timeout}). */
  READ_TIMEOUT_SECONDS,
  /** Milliseconds for each read of a query (JDBC {@code socketTimeout}). */
  READ_TIMEOUT_MILLIS,
  /** Seconds a query may take before it is cancelled with ATTENTION (mssql-jdbc {@code queryTimeout}). */
  QUERY_TIMEOUT_SECONDS,
  /** The TDS version. */
  TDS_VERSION,
  /** The encryption mode. */
  ENCRYPT,
  /** Skip server certificate validation (dangerous). */
  TRUST_SERVER_CERTIFICATE,
  /** The name the certificate must carry. */
  HOST_NAME_IN_CERTIFICATE,
  /** The pinned certificate file. */
  SERVER_CERTIFICATE,
  /** The pinned certificate fingerprint. */
  SERVER_CERTIFICATE_SHA256,
  /** A JKS or PKCS#12 trust store. */
  TRUST_STORE,
  /** The trust store password. */
  TRUST_STORE_PASSWORD,
  /** The trust store type. */
  TRUST_STORE_TYPE,
  /** A PEM file of CA certificates, or {@code system}. */
  CA_FILE,
  /** A CRL file. */
  CRL_FILE,
  /** The lowest TLS version. */
  MIN_TLS_VERSION,
  /** The highest TLS version. */
  MAX_TLS_VERSION,
  /** mssql-jdbc's {@code sslProtocol}. */
  SSL_PROTOCOL,
  /** Allow TLS 1.0 and 1.1. */
  ENABLE_LEGACY_TLS,
  /** The client certificate (PEM chain or PKCS#12). */
  CLIENT_CERTIFICATE,
  /** The client's PEM private key. */
  CLIENT_KEY,
  /** The password of the client key or PKCS#12 file. */
  CLIENT_KEY_PASSWORD,
  /** Whether the certificate must name the host. */
  CHECK_CERTIFICATE_HOSTNAME,
  /** A federated-authentication access token (JDBC {@code accessToken}). */
  ACCESS_TOKEN,
  /** The {@code Authentication} keyword: SqlPassword, ActiveDirectory*. */
  AUTHENTICATION,
  /** Integrated (Kerberos) authentication: {@code Integrated Security}, {@code Trusted_Connection}. */
  INTEGRATED_SECURITY,
  /** JDBC {@code authenticationScheme}: only JavaKerberos is supported. */
  AUTHENTICATION_SCHEME,
  /** The server's Kerberos service principal name. */
  SERVER_SPN,
  /** The client's TLS implementation: {@code jdk} or {@code openssl}. */
  TLS_PROVIDER,
  /** Whether TLS sessions are kept and resumed. */
  SESSION_RESUMPTION,
  /** A key that is recognised and has no effect here. */
  IGNORED
}
