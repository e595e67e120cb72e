package chart

import "image/color"

// plotColor is the bars' colour: a calm teal that reads on light and dark
// Slack themes alike.
var plotColor = color.RGBA{R: 0x1f, G: 0x7a, B: 0x8c, A: 0xff}
