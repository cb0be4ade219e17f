os.execute("touch /tmp/pmsim-sandbox-escaped")
