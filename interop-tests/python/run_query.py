#!/usr/bin/python3
"""pyodbc with FreeTDS's ODBC driver (Debian: tdsodbc, python3-pyodbc) against a TDS server.

Usage: /usr/bin/python3 run_query.py PORT USER PASSWORD ENCRYPTION VERIFY_QUERY
Logs in with Encryption=off|request|require (pyodbc turns autocommit off, which begins a
transaction through a transaction manager request), runs the verification query, then a
parameterised query whose parameters must come back as sent, commits, and prints one line:
encrypt_option=TRUE|FALSE, or error=<message>.
"""
import sys

try:
    import pyodbc
except ImportError as e:
    print("error=pyodbc is not installed (Debian: apt-get install python3-pyodbc tdsodbc): %s" % e)
    sys.exit(0)

port, user, password, encryption, verify = sys.argv[1:6]
connection_string = (
    "DRIVER={FreeTDS};SERVER=127.0.0.1;PORT=%s;UID=%s;PWD=%s;TDS_Version=7.4;Encryption=%s;ClientCharset=UTF-8"
    % (port, user, password, encryption))
try:
    connection = pyodbc.connect(connection_string, timeout=15)
    cursor = connection.cursor()
    encrypt_option = cursor.execute(verify).fetchone()[0]
    row = cursor.execute("SELECT ? AS n, ? AS s", 42, "tds-tls").fetchone()
    if row is None or row[0] != 42 or row[1] != "tds-tls":
        print("error=the parameterised query did not echo its parameters: %r" % (row,))
        sys.exit(0)
    trancount = cursor.execute("SELECT @@TRANCOUNT").fetchone()[0]
    connection.commit()
    if trancount != 1:
        print("error=@@TRANCOUNT was %r with autocommit off, expected 1" % (trancount,))
        sys.exit(0)
    connection.close()
    print("encrypt_option=%s" % encrypt_option)
except pyodbc.Error as e:
    print("error=%s" % " ".join(str(a) for a in e.args))
