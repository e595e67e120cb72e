package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"
)

// verificationToken fills the legacy "token" field of payloads. It is not a
// credential and the bot must not rely on it.
const verificationToken = "slacktest-verification-token"

// SlashCommand is a slash command typed by a user.
type SlashCommand struct {
	TeamID    string // default: the user's team
	UserID    string
	ChannelID string // default: the user's DM with the bot
	Command   string // default "/followup"
	Text      string
}

// SlashCommand sends a slash_commands envelope and waits for its ack. The
// payload carries a fresh trigger_id for the user and a response_url. Text or
// blocks in the ack payload are recorded as a Message with Method "ack",
// since Slack shows them to the user.
func (s *Server) SlashCommand(ctx context.Context, c SlashCommand) (Ack, error) {
	if c.Command == "" {
		c.Command = "/followup"
	}
	if c.ChannelID == "" {
		c.ChannelID = "D" + c.UserID
	}
	s.mu.Lock()
	u := s.userLocked(c.UserID)
	if c.TeamID == "" {
		c.TeamID = u.TeamID
	}
	trig := s.newTriggerLocked(c.UserID, c.TeamID)
	rurl := s.newResponseURLLocked(&responseTarget{channel: c.ChannelID, user: c.UserID})
	s.mu.Unlock()

	channelName := c.ChannelID
	if len(c.ChannelID) > 0 && c.ChannelID[0] == 'D' {
		channelName = "directmessage"
	}
	buf := getBuf()
	defer putBuf(buf)
	b := append((*buf)[:0], '{')
	b = appendField(b, "token", verificationToken, true)
	b = appendField(b, "team_id", c.TeamID, false)
	b = appendField(b, "team_domain", "slacktest", false)
	b = appendField(b, "channel_id", c.ChannelID, false)
	b = appendField(b, "channel_name", channelName, false)
	b = appendField(b, "user_id", c.UserID, false)
	b = appendField(b, "user_name", u.Name, false)
	b = appendField(b, "command", c.Command, false)
	b = appendField(b, "text", c.Text, false)
	b = appendField(b, "api_app_id", AppID, false)
	b = appendField(b, "response_url", rurl, false)
	b = appendField(b, "trigger_id", trig, false)
	b = append(b, `,"is_enterprise_install":false}`...)
	*buf = b

	ack, err := s.push(ctx, "slash_commands", b)
	if err != nil || ack.Payload == nil {
		return ack, err
	}
	var reply struct {
		Text         string          `json:"text"`
		Blocks       json.RawMessage `json:"blocks"`
		ResponseType string          `json:"response_type"`
	}
	if err := json.Unmarshal(ack.Payload, &reply); err != nil {
		return ack, fmt.Errorf("slacktest: slash command ack payload: %w", err)
	}
	if string(reply.Blocks) == "null" || string(reply.Blocks) == "[]" {
		reply.Blocks = nil
	}
	if reply.Text != "" || reply.Blocks != nil {
		s.mu.Lock()
		s.recordLocked(Message{Method: "ack", Channel: c.ChannelID, User: c.UserID, Text: reply.Text,
			Blocks: reply.Blocks, TS: s.nextTSLocked(), Ephemeral: reply.ResponseType != "in_channel"})
		s.mu.Unlock()
	}
	return ack, nil
}

type payloadTeam struct {
	ID     string `json:"id"`
	Domain string `json:"domain"`
}

type payloadUser struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	TeamID   string `json:"team_id"`
}

func toPayloadUser(u User) payloadUser {
	return payloadUser{ID: u.ID, Username: u.Name, Name: u.Name, TeamID: u.TeamID}
}

// SubmitView sends a view_submission for a modal opened by the bot, with
// state.values set to values, and waits for the ack. The ack's
// response_action is applied: none closes the modal, "update" and "push"
// change the stack, "clear" closes it all, "errors" leaves it open (and must
// name input blocks of the view). userID defaults to the user the view was
// opened for.
func (s *Server) SubmitView(ctx context.Context, userID, viewID string, values map[string]map[string]slack.BlockAction) (Ack, error) {
	if values == nil {
		values = map[string]map[string]slack.BlockAction{}
	}
	state, err := json.Marshal(values)
	if err != nil {
		return Ack{}, fmt.Errorf("slacktest: submit view %s: %w", viewID, err)
	}
	s.mu.Lock()
	v := s.views[viewID]
	if v == nil || v.closed || v.info.Type != "modal" {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slacktest: submit view %s: no open modal with that id", viewID)
	}
	if !s.onTopLocked(v) {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slacktest: submit view %s: a view pushed over it is showing; only the top view can be submitted", viewID)
	}
	if userID == "" {
		userID = v.userID
	}
	u := s.userLocked(userID)
	trig := s.newTriggerLocked(userID, v.teamID)
	s.triggers[trig].viewID = v.id
	payload := map[string]any{
		"type":                  "view_submission",
		"team":                  payloadTeam{ID: v.teamID, Domain: "slacktest"},
		"user":                  toPayloadUser(u),
		"api_app_id":            AppID,
		"token":                 verificationToken,
		"trigger_id":            trig,
		"view":                  v.full(state),
		"response_urls":         []any{},
		"is_enterprise_install": false,
	}
	inputs := inputBlockIDs(v.info.Blocks)
	s.mu.Unlock()

	b, err := json.Marshal(payload)
	if err != nil {
		return Ack{}, fmt.Errorf("slacktest: submit view %s: %w", viewID, err)
	}
	ack, conn, err := s.deliver(ctx, "interactive", b, nil)
	s.lastSubmission.Store(&delivery{payload: b, conn: conn})
	if err != nil {
		return ack, err
	}
	if ack.Payload != nil {
		var r struct {
			ResponseAction string            `json:"response_action"`
			Errors         map[string]string `json:"errors"`
			View           json.RawMessage   `json:"view"`
		}
		if err := json.Unmarshal(ack.Payload, &r); err != nil {
			return ack, fmt.Errorf("slacktest: view_submission ack payload: %w", err)
		}
		ack.ResponseAction, ack.Errors, ack.View = r.ResponseAction, r.Errors, r.View
	}
	return ack, s.applyResponseAction(userID, v, ack, inputs)
}

// RedeliverSubmission sends the last view_submission again, as Slack does
// when it did not see the ack in time, and returns the new ack. The copy
// goes to another of the app's connections when there is one, as Slack's
// may. The modal stack is left as the first ack made it.
func (s *Server) RedeliverSubmission(ctx context.Context) (Ack, error) {
	return s.redeliver(ctx, s.lastSubmission.Load(), "view_submission")
}

// RedeliverClick sends the last block_actions payload again, unchanged
// (the same trigger_id and action_ts), as Slack does when it did not see
// the ack in time, to another of the app's connections when there is one.
func (s *Server) RedeliverClick(ctx context.Context) (Ack, error) {
	return s.redeliver(ctx, s.lastClick.Load(), "block_actions")
}

// delivery is an envelope payload and the connection it went to.
type delivery struct {
	payload []byte
	conn    *wsConn
}

func (s *Server) redeliver(ctx context.Context, d *delivery, what string) (Ack, error) {
	if d == nil {
		return Ack{}, fmt.Errorf("slacktest: redeliver: no %s yet", what)
	}
	ack, _, err := s.deliver(ctx, "interactive", d.payload, d.conn)
	return ack, err
}

// applyResponseAction does to the modal stack what Slack does after a view_submission ack.
func (s *Server) applyResponseAction(userID string, v *viewState, ack Ack, inputs map[string]bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch ack.ResponseAction {
	case "":
		s.closeViewLocked(v.id)
	case "errors":
		if len(ack.Errors) == 0 {
			return fmt.Errorf("slacktest: response_action errors without errors")
		}
		for k := range ack.Errors {
			if !inputs[k] {
				return fmt.Errorf("slacktest: response_action errors names %q, which is not an input block of view %s", k, v.id)
			}
		}
	case "update", "push":
		info, code := checkView(ack.View, "modal")
		if code != "" {
			return fmt.Errorf("slacktest: response_action %s: view refused: %s", ack.ResponseAction, code)
		}
		if ack.ResponseAction == "update" {
			s.replaceLocked(v, ack.View, info)
			s.logViewLocked(v, "response_action.update")
			return nil
		}
		nv, code := s.pushLocked(userID, v.teamID, ack.View, info)
		if code != "" {
			return fmt.Errorf("slacktest: response_action push: %s", code)
		}
		s.logViewLocked(nv, "response_action.push")
	case "clear":
		for _, id := range append([]string(nil), s.stacks[v.userID]...) {
			s.closeViewLocked(id)
		}
	default:
		return fmt.Errorf("slacktest: unknown response_action %q", ack.ResponseAction)
	}
	return nil
}

func inputBlockIDs(raw json.RawMessage) map[string]bool {
	var bs []struct {
		Type    string `json:"type"`
		BlockID string `json:"block_id"`
	}
	_ = json.Unmarshal(raw, &bs)
	ids := make(map[string]bool, len(bs))
	for _, b := range bs {
		if b.Type == "input" {
			ids[b.BlockID] = true
		}
	}
	return ids
}

// Click is a user pressing a button or picking an option, in a message or,
// when ViewID is set, in a view.
type Click struct {
	TeamID         string // default: the user's team
	UserID         string
	ChannelID      string // default: the clicked message's channel
	MessageTS      string
	ActionID       string
	BlockID        string
	Value          string
	SelectedOption string // set for a static_select; the click is a button otherwise
	// SelectedText is the picked option's label (default: SelectedOption).
	SelectedText string
	// Element is the element's type when it is not a button or a
	// static_select, e.g. "overflow".
	Element string
	ViewID  string
}

// ClickButton sends a block_actions envelope and waits for its ack. It carries
// a fresh trigger_id; a click in a message also carries a response_url and,
// when MessageTS is known, the message as it stands. Slack gives no
// response_url for clicks inside views, and neither does the emulator.
func (s *Server) ClickButton(ctx context.Context, c Click) (Ack, error) {
	action := map[string]any{
		"action_id": c.ActionID, "block_id": c.BlockID, "type": "button", "value": c.Value,
		"action_ts": "",
	}
	if c.SelectedOption != "" {
		action["type"] = "static_select"
		delete(action, "value")
		label := c.SelectedText
		if label == "" {
			label = c.SelectedOption
		}
		action["selected_option"] = map[string]any{
			"text":  map[string]string{"type": "plain_text", "text": label},
			"value": c.SelectedOption,
		}
	}
	if c.Element != "" {
		action["type"] = c.Element
	}

	s.mu.Lock()
	u := s.userLocked(c.UserID)
	if c.TeamID == "" {
		c.TeamID = u.TeamID
	}
	action["action_ts"] = s.nextTSLocked()
	trig := s.newTriggerLocked(c.UserID, c.TeamID)
	payload := map[string]any{
		"type":                  "block_actions",
		"team":                  payloadTeam{ID: c.TeamID, Domain: "slacktest"},
		"user":                  toPayloadUser(u),
		"api_app_id":            AppID,
		"token":                 verificationToken,
		"trigger_id":            trig,
		"actions":               []any{action},
		"state":                 map[string]any{"values": map[string]any{}},
		"is_enterprise_install": false,
	}
	if c.ViewID != "" {
		v := s.views[c.ViewID]
		if v == nil || v.closed {
			s.mu.Unlock()
			return Ack{}, fmt.Errorf("slacktest: click in view %s: no open view with that id", c.ViewID)
		}
		if v.info.Type == "modal" && !s.onTopLocked(v) {
			s.mu.Unlock()
			return Ack{}, fmt.Errorf("slacktest: click in view %s: a view pushed over it is showing; only the top view can be clicked", c.ViewID)
		}
		s.triggers[trig].viewID = v.id
		payload["view"] = v.full(nil)
		payload["container"] = map[string]any{"type": "view", "view_id": v.id}
	} else {
		m := s.byTS[c.MessageTS]
		if c.ChannelID == "" && m != nil {
			c.ChannelID = m.channel
		}
		container := map[string]any{"type": "message", "message_ts": c.MessageTS, "channel_id": c.ChannelID,
			"is_ephemeral": m != nil && m.ephemeral}
		if m != nil {
			payload["message"] = m.toJSON(true)
		}
		payload["container"] = container
		payload["channel"] = map[string]string{"id": c.ChannelID, "name": c.ChannelID}
		payload["response_url"] = s.newResponseURLLocked(&responseTarget{channel: c.ChannelID, user: c.UserID, origTS: c.MessageTS})
	}
	s.mu.Unlock()

	b, err := json.Marshal(payload)
	if err != nil {
		return Ack{}, fmt.Errorf("slacktest: click %s: %w", c.ActionID, err)
	}
	ack, conn, err := s.deliver(ctx, "interactive", b, nil)
	s.lastClick.Store(&delivery{payload: b, conn: conn})
	return ack, err
}

// SendEvent wraps event in an Events API callback and sends it as an
// events_api envelope. event must marshal to an object with a "type", e.g.
// slackevents.AppHomeOpenedEvent{Type: "app_home_opened", ...}.
func (s *Server) SendEvent(ctx context.Context, teamID string, event any) (Ack, error) {
	if teamID == "" {
		teamID = DefaultTeamID
	}
	ev, err := json.Marshal(event)
	if err != nil {
		return Ack{}, fmt.Errorf("slacktest: event: %w", err)
	}
	eventTime := s.cfg.now().Unix()
	b, err := json.Marshal(map[string]any{
		"token":      verificationToken,
		"team_id":    teamID,
		"api_app_id": AppID,
		"event":      json.RawMessage(ev),
		"type":       "event_callback",
		"event_id":   s.id("Ev"),
		"event_time": eventTime,
		"authorizations": []any{map[string]any{
			"team_id": teamID, "user_id": BotUserID, "is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         "slacktest-" + strconv.FormatInt(eventTime, 10),
	})
	if err != nil {
		return Ack{}, fmt.Errorf("slacktest: event: %w", err)
	}
	return s.push(ctx, "events_api", b)
}

// Push sends a raw envelope of any type and waits for its ack. payload is
// marshalled unless it is already a json.RawMessage or []byte.
func (s *Server) Push(ctx context.Context, envelopeType string, payload any) (Ack, error) {
	var b []byte
	switch p := payload.(type) {
	case json.RawMessage:
		b = p
	case []byte:
		b = p
	default:
		var err error
		if b, err = json.Marshal(payload); err != nil {
			return Ack{}, fmt.Errorf("slacktest: push %s: %w", envelopeType, err)
		}
	}
	if len(b) == 0 {
		b = []byte("{}")
	}
	return s.push(ctx, envelopeType, b)
}
