package slacktest

import (
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// File is one file the bot shared with files.uploadV2: files.getUploadURLExternal,
// a POST of the bytes to the upload URL, then files.completeUploadExternal.
type File struct {
	ID       string
	Name     string // the filename given to files.getUploadURLExternal
	Title    string
	Channel  string // where it was shared
	User     string // the DM's member, when Channel is a DM
	Content  []byte
	Comment  string // initial_comment
	ThreadTS string
	At       time.Time
}

// upload is a file between files.getUploadURLExternal and its completion.
type upload struct {
	name     string
	length   int
	content  []byte
	uploaded bool
	done     bool
}

// maxUpload caps what the emulator keeps of one file.
const maxUpload = 16 << 20

func (s *Server) filesGetUploadURLExternal(p params) any {
	name := p.str("filename")
	n, err := strconv.Atoi(p.str("length"))
	switch {
	case name == "":
		return errorResp("invalid_arguments")
	case err != nil || n <= 0 || n > maxUpload:
		return errorResp("invalid_arguments")
	}
	id := s.id("F")
	s.mu.Lock()
	s.uploads[id] = &upload{name: name, length: n}
	s.mu.Unlock()
	return map[string]any{"ok": true, "file_id": id, "upload_url": s.base + "/upload/" + id}
}

// serveUpload takes the bytes of a file at its upload URL, sent as the
// "file" part of a multipart form (as slack-go does) or as the raw body.
// Like Slack, it refuses bytes that do not match the announced length.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/upload/")
	s.mu.Lock()
	s.calls["upload"]++
	u := s.uploads[id]
	s.mu.Unlock()
	if u == nil || r.Method != http.MethodPost {
		http.Error(w, "no such upload", http.StatusNotFound)
		return
	}
	body, err := readUpload(w, r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if len(body) != u.length {
		http.Error(w, "length does not match files.getUploadURLExternal", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	u.content, u.uploaded = body, true
	s.mu.Unlock()
	_, _ = io.WriteString(w, "OK - "+strconv.Itoa(len(body)))
}

func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return io.ReadAll(r.Body)
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, err
		}
		if part.FormName() == "file" {
			return io.ReadAll(part)
		}
	}
}

func (s *Server) filesCompleteUploadExternal(p params) any {
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal(p.raw("files"), &files); err != nil || len(files) == 0 {
		return errorResp("invalid_arguments")
	}
	channel, user := "", ""
	if ch := p.str("channel_id"); ch != "" {
		// Like chat.update, a channel id is needed: a user id is not a DM.
		var ok bool
		if channel, user, ok = resolveChannel(ch); !ok || isUserID(ch) {
			return errorResp("channel_not_found")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range files {
		if u := s.uploads[f.ID]; u == nil || !u.uploaded || u.done {
			return errorResp("file_not_found")
		}
	}
	out := make([]map[string]any, 0, len(files))
	for _, f := range files {
		u := s.uploads[f.ID]
		u.done = true
		title := f.Title
		if title == "" {
			title = u.name
		}
		s.files = append(s.files, File{ID: f.ID, Name: u.name, Title: title, Channel: channel, User: user,
			Content: u.content, Comment: p.str("initial_comment"), ThreadTS: p.str("thread_ts"), At: s.cfg.now()})
		out = append(out, map[string]any{"id": f.ID, "title": title, "name": u.name, "size": len(u.content)})
	}
	s.notifyLocked()
	return map[string]any{"ok": true, "files": out}
}

// Files returns every file shared, in order.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.files)
}

// WaitFiles waits until n shared files match and returns the first n. A
// nil match accepts any file.
func (s *Server) WaitFiles(ctx context.Context, n int, match func(File) bool) ([]File, error) {
	var got []File
	err := s.waitFor(ctx, func() bool {
		got = got[:0]
		for _, f := range s.files {
			if match == nil || match(f) {
				got = append(got, f)
			}
		}
		return len(got) >= n
	})
	if len(got) > n {
		got = got[:n]
	}
	return got, err
}
