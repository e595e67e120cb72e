//go:build scaleout

package main

// buildTags are the tags the binary under test is built with: the same as
// this test binary's, so the scale-out tests run the scale-out binary.
const buildTags = "scaleout"
