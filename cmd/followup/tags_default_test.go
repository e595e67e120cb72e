//go:build !scaleout

package main

// buildTags are the tags the binary under test is built with; see
// tags_scaleout_test.go.
const buildTags = ""
