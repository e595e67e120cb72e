package slacktest

import (
	"encoding/json"
	"strconv"
	"time"
)

// trigger is a trigger_id handed to the bot in an interaction payload.
type trigger struct {
	userID  string
	teamID  string
	expires time.Time
	used    bool
	// viewID is the view the interaction happened in, if any: views.push
	// needs "a valid trigger_id generated from an interaction within the
	// existing modal" (docs.slack.dev/reference/methods/views.push).
	viewID string
}

// newTriggerLocked hands out a trigger_id valid for the trigger TTL.
func (s *Server) newTriggerLocked(userID, teamID string) string {
	id := s.id("1700000000.")
	now := s.cfg.now()
	s.triggers[id] = &trigger{userID: userID, teamID: teamID, expires: now.Add(s.cfg.triggerTTL)}
	// Sweep now and then so a long benchmark does not grow the map forever.
	if s.nTriggers++; s.nTriggers%1024 == 0 {
		for k, t := range s.triggers {
			if now.After(t.expires.Add(time.Minute)) {
				delete(s.triggers, k)
			}
		}
	}
	return id
}

// useTriggerLocked spends a trigger_id, as views.open and views.push do.
func (s *Server) useTriggerLocked(id string) (*trigger, string) {
	t := s.triggers[id]
	switch {
	case t == nil:
		return nil, "invalid_trigger_id"
	case t.used:
		return nil, "exchanged_trigger_id"
	case s.cfg.now().After(t.expires):
		return nil, "expired_trigger_id"
	}
	t.used = true
	return t, ""
}

// viewState is a modal or home view as it stands now.
type viewState struct {
	id, userID, teamID string
	hash               string
	rootID, prevID     string
	raw                json.RawMessage
	info               viewInfo
	closed             bool
}

func (s *Server) newViewLocked(userID, teamID string, raw json.RawMessage, info viewInfo, rootID, prevID string) *viewState {
	v := &viewState{id: s.id("V"), userID: userID, teamID: teamID, raw: raw, info: info, prevID: prevID}
	v.hash = s.newHash()
	v.rootID = rootID
	if rootID == "" {
		v.rootID = v.id
	}
	s.views[v.id] = v
	if info.ExternalID != "" {
		s.external[info.ExternalID] = v.id
	}
	return v
}

func (s *Server) newHash() string {
	return strconv.FormatInt(s.cfg.now().Unix(), 10) + "." + strconv.FormatUint(s.seq.Add(1)*2654435761%(1<<32), 16)
}

// replaceLocked gives a view new content and a new hash.
func (s *Server) replaceLocked(v *viewState, raw json.RawMessage, info viewInfo) {
	if v.info.ExternalID != "" && v.info.ExternalID != info.ExternalID {
		delete(s.external, v.info.ExternalID)
	}
	if info.ExternalID != "" {
		s.external[info.ExternalID] = v.id
	}
	v.raw, v.info, v.hash = raw, info, s.newHash()
}

func (s *Server) logViewLocked(v *viewState, method string) {
	s.viewLog = append(s.viewLog, View{ID: v.id, UserID: v.userID, Method: method, View: v.raw,
		CallbackID: v.info.CallbackID, PrivateMetadata: v.info.PrivateMetadata, ExternalID: v.info.ExternalID,
		Hash: v.hash, Closed: v.closed})
	s.notifyLocked()
}

// closeViewLocked closes a modal and takes it off its user's stack.
func (s *Server) closeViewLocked(id string) {
	v := s.views[id]
	if v == nil || v.closed {
		return
	}
	v.closed = true
	for i := range s.viewLog {
		if s.viewLog[i].ID == id {
			s.viewLog[i].Closed = true
		}
	}
	st := s.stacks[v.userID]
	for i, sid := range st {
		if sid == id {
			s.stacks[v.userID] = append(st[:i:i], st[i+1:]...)
			break
		}
	}
	if v.info.ExternalID != "" {
		delete(s.external, v.info.ExternalID)
	}
	s.notifyLocked()
}

// full renders the view as Slack returns it and puts it in payloads.
func (v *viewState) full(stateValues json.RawMessage) json.RawMessage {
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(v.raw, &m)
	str := func(s string) json.RawMessage { return appendString(nil, s) }
	if stateValues == nil {
		stateValues = json.RawMessage(`{}`)
	}
	m["id"] = str(v.id)
	m["team_id"] = str(v.teamID)
	m["hash"] = str(v.hash)
	m["state"] = append(append(json.RawMessage(`{"values":`), stateValues...), '}')
	m["app_id"] = str(AppID)
	m["bot_id"] = str(BotID)
	m["app_installed_team_id"] = str(v.teamID)
	m["root_view_id"] = str(v.rootID)
	m["previous_view_id"] = json.RawMessage("null")
	if v.prevID != "" {
		m["previous_view_id"] = str(v.prevID)
	}
	for _, k := range []string{"private_metadata", "callback_id", "external_id"} {
		if _, ok := m[k]; !ok {
			m[k] = json.RawMessage(`""`)
		}
	}
	for _, k := range []string{"clear_on_close", "notify_on_close"} {
		if _, ok := m[k]; !ok {
			m[k] = json.RawMessage(`false`)
		}
	}
	b, _ := json.Marshal(m)
	return b
}

// modalTriggerLocked does the checks views.open and views.push share: the
// external_id is free, and the trigger_id is valid and not yet spent.
func (s *Server) modalTriggerLocked(p params, info viewInfo) (*trigger, string) {
	if info.ExternalID != "" && s.external[info.ExternalID] != "" {
		return nil, "duplicate_external_id"
	}
	return s.useTriggerLocked(p.str("trigger_id"))
}

func (s *Server) viewsOpen(p params) any {
	raw := p.raw("view")
	info, code := checkView(raw, "modal")
	if code != "" {
		return errorResp(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, code := s.modalTriggerLocked(p, info)
	if code != "" {
		return errorResp(code)
	}
	// A modal opened from outside replaces whatever the user had open.
	for _, id := range append([]string(nil), s.stacks[t.userID]...) {
		s.closeViewLocked(id)
	}
	v := s.newViewLocked(t.userID, t.teamID, raw, info, "", "")
	s.stacks[t.userID] = []string{v.id}
	s.logViewLocked(v, "views.open")
	return map[string]any{"ok": true, "view": v.full(nil)}
}

func (s *Server) viewsPush(p params) any {
	raw := p.raw("view")
	info, code := checkView(raw, "modal")
	if code != "" {
		return errorResp(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, code := s.modalTriggerLocked(p, info)
	if code != "" {
		return errorResp(code)
	}
	// The trigger must come from the modal on top of the user's stack: a
	// slash command or a message button has no modal to push onto.
	if from := s.views[t.viewID]; from == nil || from.closed || from.info.Type != "modal" || !s.onTopLocked(from) {
		return errorResp("not_found")
	}
	v, code := s.pushLocked(t.userID, t.teamID, raw, info)
	if code != "" {
		return errorResp(code)
	}
	s.logViewLocked(v, "views.push")
	return map[string]any{"ok": true, "view": v.full(nil)}
}

// onTopLocked reports whether v is the view its user sees: the top of
// their modal stack. Only that one can be clicked or submitted.
func (s *Server) onTopLocked(v *viewState) bool {
	st := s.stacks[v.userID]
	return len(st) > 0 && st[len(st)-1] == v.id
}

// pushLocked puts a new modal on top of the user's open one; Slack allows three.
func (s *Server) pushLocked(userID, teamID string, raw json.RawMessage, info viewInfo) (*viewState, string) {
	st := s.stacks[userID]
	if len(st) == 0 {
		return nil, "not_found"
	}
	if len(st) >= 3 {
		return nil, "push_limit_reached"
	}
	top := s.views[st[len(st)-1]]
	v := s.newViewLocked(userID, teamID, raw, info, top.rootID, top.id)
	s.stacks[userID] = append(st, v.id)
	return v, ""
}

func (s *Server) viewsUpdate(p params) any {
	raw := p.raw("view")
	s.mu.Lock()
	defer s.mu.Unlock()
	id := p.str("view_id")
	if id == "" {
		id = s.external[p.str("external_id")]
	}
	v := s.views[id]
	if v == nil || v.closed {
		return errorResp("not_found")
	}
	if h := p.str("hash"); h != "" && h != v.hash {
		return errorResp("hash_conflict")
	}
	info, code := checkView(raw, v.info.Type)
	if code != "" {
		return errorResp(code)
	}
	if x := info.ExternalID; x != "" && s.external[x] != "" && s.external[x] != v.id {
		return errorResp("duplicate_external_id")
	}
	s.replaceLocked(v, raw, info)
	s.logViewLocked(v, "views.update")
	return map[string]any{"ok": true, "view": v.full(nil)}
}

func (s *Server) viewsPublish(p params) any {
	userID := p.str("user_id")
	if userID == "" {
		return errorResp("invalid_arguments")
	}
	raw := p.raw("view")
	info, code := checkView(raw, "home")
	if code != "" {
		return errorResp(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.homes[userID]
	if h := p.str("hash"); h != "" && v != nil && h != v.hash {
		return errorResp("hash_conflict")
	}
	if v == nil {
		v = &viewState{id: s.id("VH"), userID: userID, teamID: s.userLocked(userID).TeamID}
		v.rootID = v.id
		s.homes[userID] = v
		s.views[v.id] = v
	}
	v.raw, v.info, v.hash = raw, info, s.newHash()
	s.logViewLocked(v, "views.publish")
	return map[string]any{"ok": true, "view": v.full(nil)}
}
