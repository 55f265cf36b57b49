#!/usr/bin/env python3
"""Turns the shipped datasets into Quiver import files (typed CSV headers, see
shell/import/import_header.h) modelling a knowledge-commerce catalogue.

MovieLens latest-small: users, movies as catalogue items, genres and tags as topics; ratings and
tag events as behaviour with weights and timestamps.
Open University (OULAD): modules as courses, their presentations, content items (VLE) and
assessments, students and their enrolments with the final result.

Usage: data/convert.py OUT_DIR [--max-users N]
  writes OUT_DIR/*.csv and OUT_DIR/import-args.txt, the `quiver import` arguments that load them;
  --max-users keeps the behaviour of MovieLens users 1..N and of the N students with the lowest
  ids only (every item, topic and course stays), a reduced dataset for quick checks
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_USERS = None  # set by --max-users


def writer(out_dir, name, header):
    f = open(os.path.join(out_dir, name), "w", newline="", encoding="utf-8")
    w = csv.writer(f)
    w.writerow(header)
    return f, w


def movielens(out_dir, args):
    src = os.path.join(HERE, "movielens-small")
    year_re = re.compile(r"^(.*?)\s*\((\d{4})(?:-\d{4})?\)\s*$")

    topics = {}  # name -> kind
    def topic(name, kind):
        topics.setdefault(name, kind)
        return name

    f, items = writer(out_dir, "ml_items.csv", ["movieId:ID(Item):int", "title", "year:int", "genres:string[]"])
    g, in_topic = writer(out_dir, "ml_item_topic.csv", [":START_ID(Item)", ":END_ID(Topic)", "source"])
    with open(os.path.join(src, "movies.csv"), newline="", encoding="utf-8") as movies:
        for row in csv.DictReader(movies):
            m = year_re.match(row["title"])
            title, year = (m.group(1), m.group(2)) if m else (row["title"], "")
            genres = [] if row["genres"] == "(no genres listed)" else row["genres"].split("|")
            items.writerow([row["movieId"], title, year, ";".join(genres)])
            for genre in genres:
                in_topic.writerow([row["movieId"], topic(genre, "genre"), "genre"])
    f.close()

    users = set()
    f, rated = writer(out_dir, "ml_rated.csv", [":START_ID(User)", ":END_ID(Item)", "rating:float", "timestamp:long"])
    with open(os.path.join(src, "ratings.csv"), newline="", encoding="utf-8") as ratings:
        for row in csv.DictReader(ratings):
            if MAX_USERS is not None and int(row["userId"]) > MAX_USERS:
                continue
            users.add(int(row["userId"]))
            rated.writerow([row["userId"], row["movieId"], row["rating"], row["timestamp"]])
    f.close()

    f2, tagged = writer(out_dir, "ml_tagged.csv", [":START_ID(User)", ":END_ID(Item)", "tag", "timestamp:long"])
    item_tags = {}
    with open(os.path.join(src, "tags.csv"), newline="", encoding="utf-8") as tags:
        for row in csv.DictReader(tags):
            if MAX_USERS is not None and int(row["userId"]) > MAX_USERS:
                continue
            users.add(int(row["userId"]))
            tagged.writerow([row["userId"], row["movieId"], row["tag"], row["timestamp"]])
            name = row["tag"].strip().lower()
            if name:
                key = (row["movieId"], topic(name, "tag"))
                item_tags[key] = item_tags.get(key, 0) + 1
    f2.close()
    for (movie, name), count in sorted(item_tags.items()):
        in_topic.writerow([movie, name, "tag"])
    g.close()

    f, w = writer(out_dir, "ml_users.csv", ["userId:ID(User):int"])
    for u in sorted(users):
        w.writerow([u])
    f.close()
    f, w = writer(out_dir, "ml_topics.csv", ["name:ID(Topic)", "kind"])
    for name, kind in sorted(topics.items()):
        w.writerow([name, kind])
    f.close()

    args += [
        "--nodes=User:Customer=ml_users.csv",
        "--nodes=Item:Movie=ml_items.csv",
        "--nodes=Topic=ml_topics.csv",
        "--relationships=IN_TOPIC=ml_item_topic.csv",
        "--relationships=RATED=ml_rated.csv",
        "--relationships=TAGGED=ml_tagged.csv",
    ]


def oulad(out_dir, args):
    src = os.path.join(HERE, "oulad")
    def rows(name):
        with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
            yield from csv.DictReader(f)

    modules = set()
    f, w = writer(out_dir, "ou_presentations.csv", ["key:ID(Presentation)", "module", "presentation", "length:int"])
    g, of = writer(out_dir, "ou_presentation_of.csv", [":START_ID(Presentation)", ":END_ID(Course)"])
    for r in rows("courses.csv"):
        key = r["code_module"] + "/" + r["code_presentation"]
        modules.add(r["code_module"])
        w.writerow([key, r["code_module"], r["code_presentation"], r["module_presentation_length"]])
        of.writerow([key, r["code_module"]])
    f.close()
    g.close()
    f, w = writer(out_dir, "ou_courses.csv", ["code:ID(Course)"])
    for m in sorted(modules):
        w.writerow([m])
    f.close()

    f, w = writer(out_dir, "ou_content.csv", ["siteId:ID(Content):int", "activityType", "weekFrom:int", "weekTo:int"])
    g, part = writer(out_dir, "ou_content_of.csv", [":START_ID(Content)", ":END_ID(Presentation)"])
    for r in rows("vle.csv"):
        w.writerow([r["id_site"], r["activity_type"], r["week_from"], r["week_to"]])
        part.writerow([r["id_site"], r["code_module"] + "/" + r["code_presentation"]])
    f.close()
    g.close()

    f, w = writer(out_dir, "ou_assessments.csv", ["assessmentId:ID(Assessment):int", "type", "date:int", "weight:float"])
    g, part = writer(out_dir, "ou_assessment_of.csv", [":START_ID(Assessment)", ":END_ID(Presentation)"])
    for r in rows("assessments.csv"):
        w.writerow([r["id_assessment"], r["assessment_type"], r["date"], r["weight"]])
        part.writerow([r["id_assessment"], r["code_module"] + "/" + r["code_presentation"]])
    f.close()
    g.close()

    students = {}
    enrol = {}
    for r in rows("studentInfo.csv"):
        students.setdefault(r["id_student"], r)
        enrol[(r["id_student"], r["code_module"] + "/" + r["code_presentation"])] = r
    if MAX_USERS is not None:
        kept = sorted(students, key=int)[:MAX_USERS]
        students = {sid: students[sid] for sid in kept}
    f, w = writer(out_dir, "ou_students.csv", ["studentId:ID(Student):int", "gender", "region", "highestEducation", "ageBand"])
    for sid, r in sorted(students.items(), key=lambda kv: int(kv[0])):
        w.writerow([sid, r["gender"], r["region"], r["highest_education"], r["age_band"]])
    f.close()
    f, w = writer(out_dir, "ou_enrolled.csv", [":START_ID(Student)", ":END_ID(Presentation)", "registered:int", "unregistered:int", "finalResult", "previousAttempts:int", "credits:int"])
    for r in rows("studentRegistration.csv"):
        if r["id_student"] not in students:
            continue
        key = r["code_module"] + "/" + r["code_presentation"]
        info = enrol.get((r["id_student"], key), {})
        w.writerow([r["id_student"], key, r["date_registration"], r["date_unregistration"],
                    info.get("final_result", ""), info.get("num_of_prev_attempts", ""), info.get("studied_credits", "")])
    f.close()

    args += [
        "--nodes=Course=ou_courses.csv",
        "--nodes=Presentation=ou_presentations.csv",
        "--nodes=Content:Item=ou_content.csv",
        "--nodes=Assessment=ou_assessments.csv",
        "--nodes=Student:Customer=ou_students.csv",
        "--relationships=PRESENTATION_OF=ou_presentation_of.csv",
        "--relationships=PART_OF=ou_content_of.csv",
        "--relationships=ASSESSMENT_OF=ou_assessment_of.csv",
        "--relationships=ENROLLED=ou_enrolled.csv",
    ]


def main():
    global MAX_USERS
    argv = sys.argv[1:]
    if len(argv) == 3 and argv[1] == "--max-users" and argv[2].isdigit() and int(argv[2]) > 0:
        MAX_USERS = int(argv[2])
        argv = argv[:1]
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out_dir = argv[0]
    os.makedirs(out_dir, exist_ok=True)
    args = []
    movielens(out_dir, args)
    oulad(out_dir, args)
    with open(os.path.join(out_dir, "import-args.txt"), "w") as f:
        for a in args:
            f.write(a + "\n")


if __name__ == "__main__":
    main()
