#!/usr/bin/env bash

set -e

go build ./cmd/osv-scanner/
