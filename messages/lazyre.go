package messages

import (
	"regexp"
	"sync"
)

// lazyRE is a regular expression compiled the first time it is used. The
// Test's rules are a few hundred alternatives; compiled at start they cost
// the bot 40 ms and over 2 MB before anyone pastes a draft.
type lazyRE struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
}

// lazy returns a lazyRE for pattern; a bad pattern panics on first use,
// and TestCheck uses every rule.
func lazy(pattern string) *lazyRE { return &lazyRE{pattern: pattern} }

func (l *lazyRE) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.pattern) })
	return l.re
}

// MatchString is regexp.Regexp.MatchString.
func (l *lazyRE) MatchString(s string) bool { return l.get().MatchString(s) }

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (l *lazyRE) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }

// FindAllString is regexp.Regexp.FindAllString.
func (l *lazyRE) FindAllString(s string, n int) []string { return l.get().FindAllString(s, n) }

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (l *lazyRE) ReplaceAllString(s, repl string) string { return l.get().ReplaceAllString(s, repl) }
