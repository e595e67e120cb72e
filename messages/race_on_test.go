//go:build race

package messages

// raceEnabled is true under -race, where the composer matrix runs a
// covering sample: a pure function has no data race to find, and the full
// product is slow under the detector.
const raceEnabled = true
