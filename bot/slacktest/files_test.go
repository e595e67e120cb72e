package slacktest

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// TestUploadFileV2 drives slack-go's files.uploadV2 flow (get an upload
// URL, POST the bytes, complete) and checks what the emulator recorded.
func TestUploadFileV2(t *testing.T) {
	emu := New()
	defer emu.Close()
	api := slack.New(BotToken, slack.OptionAPIURL(emu.APIURL()))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	content := "a,b\n1,2\n"

	t.Run("ToDM", func(t *testing.T) {
		f, err := api.UploadFileContext(ctx, slack.UploadFileParameters{
			Filename: "x.csv", Title: "My export", Content: content, FileSize: len(content),
			Channel: "DU0ANA", InitialComment: "Here it is",
		})
		if err != nil {
			t.Fatalf("UploadFileContext: %v", err)
		}
		got, err := emu.WaitFiles(ctx, 1, func(x File) bool { return x.ID == f.ID })
		if err != nil {
			t.Fatal(err)
		}
		if g := got[0]; string(g.Content) != content || g.User != "U0ANA" || g.Title != "My export" || g.Comment != "Here it is" {
			t.Errorf("got %+v", g)
		}
	})
	for _, tc := range []struct {
		name   string
		params slack.UploadFileParameters
		want   string
	}{
		{"UserIDIsNotAChannel", slack.UploadFileParameters{Filename: "x.csv", Content: content, FileSize: len(content), Channel: "U0ANA"}, "channel_not_found"},
		{"WrongLength", slack.UploadFileParameters{Filename: "x.csv", Content: content, FileSize: len(content) + 1, Channel: "DU0ANA"}, "UploadToURL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := api.UploadFileContext(ctx, tc.params)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	t.Run("CompleteWithoutUpload", func(t *testing.T) {
		u, err := api.GetUploadURLExternalContext(ctx, slack.GetUploadURLExternalParameters{FileName: "y.png", FileSize: 3})
		if err != nil {
			t.Fatal(err)
		}
		_, err = api.CompleteUploadExternalContext(ctx, slack.CompleteUploadExternalParameters{
			Files: []slack.FileSummary{{ID: u.FileID}}, Channel: "DU0ANA"})
		if err == nil || !strings.Contains(err.Error(), "file_not_found") {
			t.Errorf("got %v, want file_not_found", err)
		}
		resp, err := http.Post(emu.base+"/upload/FNOPE", "text/plain", strings.NewReader("abc"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown upload: got %d, want 404", resp.StatusCode)
		}
	})
}
