// SPDX-License-Identifier: MIT
#include "reader_p.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace mapreel::story::detail {

void StoryReader::defineId(const YAML::Node& n, const std::string& id, const std::string& kind) {
    const std::string key = kind + ":" + id;
    auto [it, inserted] = ids_.try_emplace(key, kind, ctx_.loc(n));
    if (!inserted) {
        const auto& first = it->second.second;
        ctx_.error(n, "duplicate " + kind + " id '" + id + "'",
                   "first defined at line " + std::to_string(first.line));
    }
}

void StoryReader::resolveReferences() {
    std::map<std::string, std::vector<std::string>> known;
    for (const auto& [key, def] : ids_) {
        auto colon = key.find(':');
        known[key.substr(0, colon)].push_back(key.substr(colon + 1));
    }
    std::size_t unknown = 0;
    for (const auto& r : refs_) {
        const std::string kind = r.what;
        if (ids_.contains(kind + ":" + r.id)) // a map lookup: stories may hold many ids
            continue;
        const auto& candidates = known[kind];
        // Ids have at most 64 characters: no did-you-mean for a longer (pasted) reference,
        // nor past the first hundred unknown ones (each costs a scan of every id).
        auto near =
            r.id.size() > 64 || ++unknown > 100 ? std::string{} : closestMatch(r.id, candidates);
        std::string hint;
        if (candidates.empty())
            hint = "the story defines no " + kind + "s";
        else if (near.empty())
            hint = "known " + kind + "s: " + [&] {
                std::string list;
                for (std::size_t i = 0; i < candidates.size() && i < 8; ++i)
                    list += (i > 0 ? ", " : "") + candidates[i];
                return list + (candidates.size() > 8 ? ", ..." : "");
            }();
        ctx_.diags.error(r.loc,
                         "unknown " + kind + " '" + r.id + "'" +
                             (near.empty() ? std::string{} : " (did you mean '" + near + "'?)"),
                         hint);
    }
    // Region references must not form cycles. Tarjan's strongly connected components,
    // iterative and linear: a naive walk is exponential on chains like r2: {union: [r1, r1]}
    // and recurses once per link on r1: r2, r2: r3, ...
    std::vector<const std::string*> names;
    std::map<std::string, std::size_t> indexOf;
    for (const auto& [name, reg] : story_.regions) {
        indexOf.emplace(name, names.size());
        names.push_back(&name);
    }
    std::vector<std::vector<std::size_t>> edges(names.size());
    for (const auto& [name, reg] : story_.regions) {
        auto& out = edges[indexOf.at(name)];
        std::vector<const Region*> todo{&reg};
        while (!todo.empty()) {
            const Region* r = todo.back();
            todo.pop_back();
            if (r->kind == Region::Kind::Ref) {
                if (auto it = indexOf.find(r->ref); it != indexOf.end())
                    out.push_back(it->second);
            }
            for (const auto& op : r->operands)
                todo.push_back(&op);
        }
    }
    constexpr auto kUnvisited = static_cast<std::size_t>(-1);
    std::vector<std::size_t> order(names.size(), kUnvisited);
    std::vector<std::size_t> low(names.size(), 0);
    std::vector<bool> onStack(names.size(), false);
    std::vector<bool> onCycle(names.size(), false);
    std::vector<std::size_t> stack;
    std::size_t counter = 0;
    for (std::size_t root = 0; root < names.size(); ++root) {
        if (order[root] != kUnvisited)
            continue;
        std::vector<std::pair<std::size_t, std::size_t>> calls; // node, next edge
        auto visit = [&](std::size_t v) {
            order[v] = low[v] = counter++;
            stack.push_back(v);
            onStack[v] = true;
            calls.emplace_back(v, 0);
        };
        visit(root);
        while (!calls.empty()) {
            const std::size_t v = calls.back().first;
            if (calls.back().second < edges[v].size()) {
                const std::size_t w = edges[v][calls.back().second++];
                if (order[w] == kUnvisited)
                    visit(w);
                else if (onStack[w])
                    low[v] = std::min(low[v], order[w]);
                continue;
            }
            calls.pop_back();
            if (!calls.empty())
                low[calls.back().first] = std::min(low[calls.back().first], low[v]);
            if (low[v] != order[v])
                continue;
            std::vector<std::size_t> component;
            std::size_t w = 0;
            do {
                w = stack.back();
                stack.pop_back();
                onStack[w] = false;
                component.push_back(w);
            } while (w != v);
            const bool selfLoop = std::find(edges[v].begin(), edges[v].end(), v) != edges[v].end();
            if (component.size() > 1 || selfLoop)
                for (std::size_t c : component)
                    onCycle[c] = true;
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (onCycle[i])
            ctx_.diags.error(story_.regions.at(*names[i]).loc,
                             "region '" + *names[i] + "' refers to itself");
}

void StoryReader::checkOrder() {
    for (const auto& f : story_.fronts) {
        for (std::size_t k = 1; k < f.keyframes.size(); ++k)
            if (toHistTime(f.keyframes[k].date) <= toHistTime(f.keyframes[k - 1].date))
                ctx_.diags.error(f.keyframes[k].loc,
                                 "keyframes of front '" + f.id + "' are not in date order (" +
                                     isoDate(f.keyframes[k].date) + " after " +
                                     isoDate(f.keyframes[k - 1].date) + ")",
                                 "list keyframes from the earliest to the latest date");
        for (const auto& kf : f.keyframes)
            if (kf.provenance.sources.empty())
                ctx_.diags.warning(kf.loc,
                                   "keyframe " + isoDate(kf.date) + " of front '" + f.id +
                                       "' names no source",
                                   "add 'source: [id]' (and 'confidence:')");
    }
    for (const auto& t : story_.territories)
        for (std::size_t k = 1; k < t.keyframes.size(); ++k)
            if (toHistTime(t.keyframes[k].date) <= toHistTime(t.keyframes[k - 1].date))
                ctx_.diags.error(t.keyframes[k].loc,
                                 "keyframes of territory '" + t.id + "' are not in date order",
                                 "list keyframes from the earliest to the latest date");
    for (std::size_t i = 1; i < story_.steps.size(); ++i) {
        const auto& prev = story_.steps[i - 1];
        const auto& cur = story_.steps[i];
        if (cur.flashback || undated_.count(i) != 0 || undated_.count(i - 1) != 0)
            continue;
        if (toHistTime(cur.dateFrom) < toHistTime(prev.dateFrom))
            ctx_.diags.warning(cur.loc,
                               "step '" + cur.id + "' goes back in time (" + isoDate(cur.dateFrom) +
                                   " after " + isoDate(prev.dateFrom) + ")",
                               "fronts will move backwards; if that is meant, say "
                               "'flashback: true' on the step");
        else if (toHistTime(cur.dateFrom) < toHistTime(prev.dateTo))
            ctx_.diags.warning(cur.loc,
                               "step '" + cur.id + "' starts on " + isoDate(cur.dateFrom) +
                                   ", before the previous step '" + prev.id + "' ends (" +
                                   isoDate(prev.dateTo) + ")",
                               "the date on screen jumps back between the steps; start this "
                               "step on or after " +
                                   isoDate(prev.dateTo) + ", or say 'flashback: true'");
    }
    // 'until' must not point to an earlier step.
    for (std::size_t i = 0; i < story_.steps.size(); ++i)
        for (const auto& a : story_.steps[i].actions) {
            std::string until;
            if (const auto* arrow = std::get_if<ArrowAction>(&a.what))
                until = arrow->until;
            else if (const auto* marker = std::get_if<MarkerAction>(&a.what))
                until = marker->until;
            else if (const auto* callout = std::get_if<CalloutAction>(&a.what))
                until = callout->until;
            else if (const auto* flow = std::get_if<FlowAction>(&a.what))
                until = flow->until;
            if (until.empty())
                continue;
            int j = story_.stepIndex(until);
            if (j >= 0 && j < static_cast<int>(i))
                ctx_.diags.error(a.loc, "'until: " + until + "' names an earlier step",
                                 "'until' keeps an action visible up to a later step");
        }
}

} // namespace mapreel::story::detail
